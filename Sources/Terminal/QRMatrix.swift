/// The module grid while a QR code is built: function patterns (finders, timing, alignment,
/// format and version information) are marked so codewords and masks leave them alone.
struct QRMatrix {
  let version: Int
  let size: Int
  /// Row, then column; `true` is dark.
  var modules: [[Bool]]
  var isFunction: [[Bool]]

  init(version: Int) {
    self.version = version
    self.size = 17 + 4 * version
    modules = Array(repeating: Array(repeating: false, count: size), count: size)
    isFunction = modules
  }

  private mutating func set(column x: Int, row y: Int, _ dark: Bool) {
    modules[y][x] = dark
    isFunction[y][x] = true
  }

  mutating func drawFunctionPatterns() {
    for index in 0..<size {
      set(column: 6, row: index, index % 2 == 0)
      set(column: index, row: 6, index % 2 == 0)
    }
    drawFinder(column: 3, row: 3)
    drawFinder(column: size - 4, row: 3)
    drawFinder(column: 3, row: size - 4)
    let positions = alignmentPositions
    let last = positions.count - 1
    for (i, row) in positions.enumerated() {
      for (j, column) in positions.enumerated() {
        // The three corners hold finder patterns.
        if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
        drawAlignment(column: column, row: row)
      }
    }
    drawFormatBits(mask: 0)  // reserves the area; the real bits come once the mask is known
    drawVersion()
  }

  /// Centre coordinates of the alignment patterns (ISO/IEC 18004 annex E).
  var alignmentPositions: [Int] {
    guard version > 1 else { return [] }
    let count = version / 7 + 2
    let step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
    var result = [6]
    var position = size - 7
    for _ in 0..<(count - 1) {
      result.insert(position, at: 1)
      position -= step
    }
    return result
  }

  private mutating func drawFinder(column x: Int, row y: Int) {
    for dy in -4...4 {
      for dx in -4...4 {
        let distance = max(abs(dx), abs(dy))
        let xx = x + dx
        let yy = y + dy
        guard xx >= 0, xx < size, yy >= 0, yy < size else { continue }
        set(column: xx, row: yy, distance != 2 && distance != 4)
      }
    }
  }

  private mutating func drawAlignment(column x: Int, row y: Int) {
    for dy in -2...2 {
      for dx in -2...2 { set(column: x + dx, row: y + dy, max(abs(dx), abs(dy)) != 1) }
    }
  }

  /// Level M (format bits 00) and the mask, BCH-protected and XORed with 0x5412, in both
  /// copies; plus the dark module.
  mutating func drawFormatBits(mask: Int) {
    let data = (0b00 << 3) | mask
    var remainder = data
    for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
    let bits = ((data << 10) | remainder) ^ 0x5412
    func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
    for index in 0...5 { set(column: 8, row: index, bit(index)) }
    set(column: 8, row: 7, bit(6))
    set(column: 8, row: 8, bit(7))
    set(column: 7, row: 8, bit(8))
    for index in 9..<15 { set(column: 14 - index, row: 8, bit(index)) }
    for index in 0..<8 { set(column: size - 1 - index, row: 8, bit(index)) }
    for index in 8..<15 { set(column: 8, row: size - 15 + index, bit(index)) }
    set(column: 8, row: size - 8, true)
  }

  /// Versions 7 and up carry their number, Golay-protected, in two 6×3 blocks.
  private mutating func drawVersion() {
    guard version >= 7 else { return }
    var remainder = version
    for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
    let bits = (version << 12) | remainder
    for index in 0..<18 {
      let dark = (bits >> index) & 1 == 1
      let a = size - 11 + index % 3
      let b = index / 3
      set(column: a, row: b, dark)
      set(column: b, row: a, dark)
    }
  }

  /// Places the codewords in the zigzag of two-module columns, right to left, skipping the
  /// vertical timing pattern.
  mutating func drawCodewords(_ data: [UInt8]) {
    var bitIndex = 0
    var right = size - 1
    while right >= 1 {
      if right == 6 { right = 5 }
      for vertical in 0..<size {
        for offset in 0..<2 {
          let x = right - offset
          let upward = (right + 1) & 2 == 0
          let y = upward ? size - 1 - vertical : vertical
          guard !isFunction[y][x], bitIndex < data.count * 8 else { continue }
          modules[y][x] = (data[bitIndex >> 3] >> (7 - (bitIndex & 7))) & 1 == 1
          bitIndex += 1
        }
      }
      right -= 2
    }
  }

  /// XORs the mask pattern onto the non-function modules; applying it twice undoes it.
  mutating func applyMask(_ mask: Int) {
    for y in 0..<size {
      for x in 0..<size where !isFunction[y][x] {
        let invert: Bool
        switch mask {
        case 0: invert = (x + y) % 2 == 0
        case 1: invert = y % 2 == 0
        case 2: invert = x % 3 == 0
        case 3: invert = (x + y) % 3 == 0
        case 4: invert = (x / 3 + y / 2) % 2 == 0
        case 5: invert = x * y % 2 + x * y % 3 == 0
        case 6: invert = (x * y % 2 + x * y % 3) % 2 == 0
        default: invert = ((x + y) % 2 + x * y % 3) % 2 == 0
        }
        if invert { modules[y][x].toggle() }
      }
    }
  }

  /// The standard's four penalty rules: runs of five or more, 2×2 blocks, finder-like
  /// 1:1:3:1:1 patterns with four light modules beside them, and imbalance of dark modules.
  func penalty() -> Int {
    var result = 0
    let lines = modules + (0..<size).map { x in (0..<size).map { y in modules[y][x] } }
    let finderLike: [Bool] = [true, false, true, true, true, false, true]
    let light4 = [false, false, false, false]
    for line in lines {
      var run = 1
      for index in 1..<line.count {
        if line[index] == line[index - 1] {
          run += 1
        } else {
          if run >= 5 { result += run - 2 }
          run = 1
        }
      }
      if run >= 5 { result += run - 2 }
      // Beyond the edge counts as light: the quiet zone.
      let padded = light4 + line + light4
      for start in 0...(padded.count - 11) {
        let window = Array(padded[start..<start + 11])
        if Array(window[0..<7]) == finderLike && Array(window[7..<11]) == light4 { result += 40 }
        if Array(window[0..<4]) == light4 && Array(window[4..<11]) == finderLike { result += 40 }
      }
    }
    var dark = 0
    for y in 0..<size {
      for x in 0..<size {
        if modules[y][x] { dark += 1 }
        if x + 1 < size, y + 1 < size {
          let colour = modules[y][x]
          if modules[y][x + 1] == colour && modules[y + 1][x] == colour
            && modules[y + 1][x + 1] == colour
          {
            result += 3
          }
        }
      }
    }
    let total = size * size
    let deviation = abs(dark * 100 - total * 50)  // in hundredths of a percent × total
    result += deviation / (total * 5) * 10
    return result
  }
}
