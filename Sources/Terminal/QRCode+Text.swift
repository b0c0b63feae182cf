extension QRCode {
  /// The code as rows of text, quiet zone included, for a terminal cell grid.
  ///
  /// With Unicode, each cell holds two modules stacked (`▀ ▄ █` and space), so the code is
  /// about square on a terminal whose cells are twice as tall as wide. Without it (a locale
  /// that is not UTF-8), each module is two `#` or two spaces wide on a row of its own.
  /// Dark modules are drawn as the glyph's foreground: paint them dark on light.
  public func textRows(ascii: Bool) -> [String] {
    let quiet = QRCode.quietZone
    let span = -quiet..<(size + quiet)
    if ascii {
      return span.map { row in
        String(span.map { isDark(row: row, column: $0) ? "##" : "  " }.joined())
      }
    }
    return stride(from: -quiet, to: size + quiet, by: 2).map { top in
      String(
        span.map { column -> Character in
          switch (isDark(row: top, column: column), isDark(row: top + 1, column: column)) {
          case (true, true): return "█"
          case (true, false): return "▀"
          case (false, true): return "▄"
          case (false, false): return " "
          }
        })
    }
  }

  /// Columns and rows `textRows(ascii:)` takes.
  public func textSize(ascii: Bool) -> (columns: Int, rows: Int) {
    let side = size + 2 * QRCode.quietZone
    return ascii ? (2 * side, side) : (side, (side + 1) / 2)
  }

  /// The code as a binary PGM image (`P5`), `scale` pixels a module, quiet zone included: a
  /// format any image tool reads without a library, for checking the code with a decoder.
  public func pgm(scale: Int) -> [UInt8] {
    let side = (size + 2 * QRCode.quietZone) * scale
    var bytes = Array("P5\n\(side) \(side)\n255\n".utf8)
    bytes.reserveCapacity(bytes.count + side * side)
    for y in 0..<side {
      for x in 0..<side {
        let dark = isDark(
          row: y / scale - QRCode.quietZone, column: x / scale - QRCode.quietZone)
        bytes.append(dark ? 0 : 255)
      }
    }
    return bytes
  }
}
