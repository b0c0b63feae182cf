import Foundation
import Testing

@testable import Terminal

/// `zbarimg` (Debian `zbar-tools`) decodes what the encoder drew. It is not one of the
/// README's prerequisites, so without it the decode test skips and says why; CI sets
/// `SALDO_REQUIRE_CONFORMANCE=1` (and `.ci/run` installs it), under which it always runs.
enum ZBar {
  static var required: Bool {
    ProcessInfo.processInfo.environment["SALDO_REQUIRE_CONFORMANCE"] == "1"
  }
  static let path = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  static var enabled: Bool { required || path != nil }

  /// The text of the one QR code in the image, or nil when none decodes.
  static func decode(pgm: [UInt8], directory: URL, name: String) throws -> String? {
    let file = directory.appendingPathComponent(name + ".pgm")
    try Data(pgm).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path ?? "/usr/bin/zbarimg")
    process.arguments = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    var text = String(decoding: data, as: UTF8.self)
    if text.hasSuffix("\n") { text.removeLast() }
    return text
  }
}

/// Reads rows of half blocks (or `##` pairs) back into modules, as a camera would see them,
/// and draws them as a PGM: this checks the terminal rendering, not only the encoder.
func pgm(fromRows rows: [String], ascii: Bool, scale: Int) -> [UInt8] {
  var grid: [[Bool]] = []
  for row in rows {
    let characters = Array(row)
    if ascii {
      grid.append(stride(from: 0, to: characters.count, by: 2).map { characters[$0] == "#" })
    } else {
      grid.append(characters.map { $0 == "█" || $0 == "▀" })
      grid.append(characters.map { $0 == "█" || $0 == "▄" })
    }
  }
  let height = grid.count * scale
  let width = (grid.first?.count ?? 0) * scale
  var bytes = Array("P5\n\(width) \(height)\n255\n".utf8)
  for y in 0..<height {
    for x in 0..<width { bytes.append(grid[y / scale][x / scale] ? 0 : 255) }
  }
  return bytes
}

/// Deterministic checkout-like URLs of the given length.
func sampleURL(length: Int, seed: Int) -> String {
  let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./?=&%")
  var state = UInt64(truncatingIfNeeded: seed &* 2_654_435_761 &+ 1)
  var url = "https://www.mollie.com/checkout/"
  while url.count < length {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    url.append(alphabet[Int(state >> 33) % alphabet.count])
  }
  return String(url.prefix(length))
}

@Suite struct QRCodeTests {
  @Test func reedSolomonMatchesTheStandardsWorkedExample() {
    // ISO/IEC 18004 annex I: "01234567", version 1-M.
    let data: [UInt8] = [
      0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC,
      0x11,
    ]
    let ecc = ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 10))
    #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
  }

  @Test func theSmallestVersionThatHoldsTheTextIsChosen() throws {
    // Byte-mode capacities at level M: version 1 holds 14 bytes, 10 holds 213, 11 holds 251.
    #expect(try QRCode(String(repeating: "a", count: 14)).version == 1)
    #expect(try QRCode(String(repeating: "a", count: 15)).version == 2)
    #expect(try QRCode(String(repeating: "a", count: 213)).version == 10)
    #expect(try QRCode(String(repeating: "a", count: 214)).version == 11)
    #expect(try QRCode(String(repeating: "a", count: 250)).version == 11)
    #expect(try QRCode(String(repeating: "a", count: 2331)).version == 40)
    #expect(throws: QRCode.EncodeError.tooLong(bytes: 2332, limit: 2331)) {
      try QRCode(String(repeating: "a", count: 2332))
    }
  }

  @Test func formatInformationSaysLevelMAndTheMask() throws {
    let code = try QRCode("https://example.com/", fixedMask: 0)
    // Level M, mask 0 → 101010000010010 (annex C); bits 0-5 run down column 8.
    let bits = 0b101010000010010
    for index in 0...5 { #expect(code.modules[index][8] == ((bits >> index) & 1 == 1)) }
    #expect(code.modules[code.size - 8][8])  // the dark module
  }

  @Test func versionInformationFromVersionSeven() throws {
    let code = try QRCode(String(repeating: "x", count: 120))
    #expect(code.version == 7)
    // Version 7 → 000111110010010100 (annex D), least significant bit first.
    let bits = 0b000111110010010100
    for index in 0..<18 {
      #expect(code.modules[index / 3][code.size - 11 + index % 3] == ((bits >> index) & 1 == 1))
    }
  }

  @Test func halfBlocksTakeHalfTheRowsAndKeepTheQuietZone() throws {
    let code = try QRCode("https://www.mollie.com/checkout/select-method/7UhSN1zuXS")
    let rows = code.textRows(ascii: false)
    let (columns, height) = code.textSize(ascii: false)
    #expect(rows.count == height)
    #expect(rows.allSatisfy { $0.count == columns })
    #expect(columns == code.size + 8)
    #expect(rows[0].allSatisfy { $0 == " " } && rows[1].allSatisfy { $0 == " " })
    let ascii = code.textRows(ascii: true)
    #expect(ascii.count == code.textSize(ascii: true).rows)
    #expect(ascii.allSatisfy { $0.allSatisfy { $0 == "#" || $0 == " " } })
  }

  @Test(
    .enabled(
      if: ZBar.enabled,
      "zbarimg not found: install zbar-tools to decode the rendered QR codes"))
  func fiftyURLsDecodeExactlyFromTheTerminalRendering() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("saldo-qr-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var versions = Set<Int>()
    for index in 0..<50 {
      let length = 20 + index * 230 / 49
      let url = sampleURL(length: length, seed: index)
      let code = try QRCode(url)
      versions.insert(code.version)
      let rows = code.textRows(ascii: index % 10 == 9)
      let image = pgm(fromRows: rows, ascii: index % 10 == 9, scale: 3)
      let decoded = try ZBar.decode(pgm: image, directory: directory, name: "qr-\(index)")
      #expect(decoded == url, "length \(length), version \(code.version), mask \(code.mask)")
    }
    #expect(versions.contains(1) == false)  // 20 bytes already need version 2
    #expect(versions.isSuperset(of: [2, 5, 10, 11]))
  }

  @Test(
    .enabled(
      if: ZBar.enabled,
      "zbarimg not found: install zbar-tools to decode the rendered QR codes"))
  func everyMaskDecodes() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("saldo-qr-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = "https://www.mollie.com/checkout/select-method/7UhSN1zuXS?lang=nl"
    for mask in 0..<8 {
      let code = try QRCode(url, fixedMask: mask)
      let decoded = try ZBar.decode(pgm: code.pgm(scale: 4), directory: directory, name: "m\(mask)")
      #expect(decoded == url, "mask \(mask)")
    }
  }
}
