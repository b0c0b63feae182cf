/// A QR code (ISO/IEC 18004) for a short text such as a checkout URL, so a phone can open it
/// when the browser is not on the machine that runs the terminal.
///
/// Byte mode, error correction level M (15 % of the code may be damaged), the smallest version
/// from 1 to 40 that holds the text, and the mask of lowest penalty. Written here rather than
/// taken from a package: the whole encoder is a few hundred lines of table-driven arithmetic.
public struct QRCode: Sendable, Equatable {
  /// The version (1 to 40): the code is `17 + 4 × version` modules square.
  public let version: Int
  /// The mask pattern chosen (0 to 7).
  public let mask: Int
  /// Modules by row, then column; `true` is dark. No quiet zone.
  public let modules: [[Bool]]

  /// The number of modules on each side, without the quiet zone.
  public var size: Int { modules.count }

  /// The modules a reader needs around the code: four on every side.
  public static let quietZone = 4

  /// Why a text cannot become a QR code.
  public enum EncodeError: Error, Equatable {
    /// More bytes than version 40 at level M holds (2331).
    case tooLong(bytes: Int, limit: Int)
  }

  /// Encodes `text` as UTF-8 bytes. `fixedMask` is for tests; normally the mask with the
  /// lowest penalty is chosen as the standard prescribes.
  public init(_ text: String, fixedMask: Int? = nil) throws(EncodeError) {
    let bytes = Array(text.utf8)
    guard let version = (1...40).first(where: { QRCode.fits(bytes.count, version: $0) }) else {
      throw .tooLong(bytes: bytes.count, limit: QRCode.dataCodewords(version: 40) - 3)
    }
    var matrix = QRMatrix(version: version)
    matrix.drawFunctionPatterns()
    matrix.drawCodewords(QRCode.codewords(bytes, version: version))
    var best = 0
    if let fixedMask {
      best = fixedMask
    } else {
      var lowest = Int.max
      for mask in 0..<8 {
        matrix.applyMask(mask)
        matrix.drawFormatBits(mask: mask)
        let penalty = matrix.penalty()
        if penalty < lowest {
          lowest = penalty
          best = mask
        }
        matrix.applyMask(mask)  // XOR again undoes it
      }
    }
    matrix.applyMask(best)
    matrix.drawFormatBits(mask: best)
    self.version = version
    self.mask = best
    self.modules = matrix.modules
  }

  /// Whether the module at `row`, `column` is dark; outside the code (the quiet zone) is light.
  public func isDark(row: Int, column: Int) -> Bool {
    guard row >= 0, column >= 0, row < size, column < size else { return false }
    return modules[row][column]
  }

  // MARK: - Capacity (level M)

  /// Error-correction codewords per block at level M, by version (index 0 unused).
  static let eccPerBlock = [
    0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  ]
  /// Error-correction blocks at level M, by version.
  static let blocks = [
    0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23,
    25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
  ]

  /// Modules that carry codewords (data and error correction), after the function patterns.
  static func rawDataModules(version: Int) -> Int {
    var result = (16 * version + 128) * version + 64
    if version >= 2 {
      let alignments = version / 7 + 2
      result -= (25 * alignments - 10) * alignments - 55
      if version >= 7 { result -= 36 }
    }
    return result
  }

  static func dataCodewords(version: Int) -> Int {
    rawDataModules(version: version) / 8 - eccPerBlock[version] * blocks[version]
  }

  /// Bits of the byte-mode character count: 8 up to version 9, 16 from version 10.
  static func countBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

  static func fits(_ count: Int, version: Int) -> Bool {
    let bits = countBits(version: version)
    return count < (1 << bits) && 4 + bits + 8 * count <= dataCodewords(version: version) * 8
  }

  /// The data codewords (mode, count, bytes, terminator, padding) with error correction added
  /// per block and interleaved, in the order they are placed.
  static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
    var bits = BitBuffer()
    bits.append(0b0100, count: 4)
    bits.append(bytes.count, count: countBits(version: version))
    for byte in bytes { bits.append(Int(byte), count: 8) }
    let capacity = dataCodewords(version: version) * 8
    bits.append(0, count: min(4, capacity - bits.count))
    bits.append(0, count: (8 - bits.count % 8) % 8)
    var data = bits.bytes
    var pad: UInt8 = 0xEC
    while data.count * 8 < capacity {
      data.append(pad)
      pad = pad == 0xEC ? 0x11 : 0xEC
    }
    return interleave(data, version: version)
  }

  static func interleave(_ data: [UInt8], version: Int) -> [UInt8] {
    let blockCount = blocks[version]
    let eccLength = eccPerBlock[version]
    let raw = rawDataModules(version: version) / 8
    let shortBlocks = blockCount - raw % blockCount
    let shortLength = raw / blockCount
    let divisor = ReedSolomon.divisor(degree: eccLength)
    var split: [[UInt8]] = []
    var offset = 0
    for index in 0..<blockCount {
      let length = shortLength - eccLength + (index < shortBlocks ? 0 : 1)
      var block = Array(data[offset..<offset + length])
      offset += length
      let ecc = ReedSolomon.remainder(block, divisor: divisor)
      if index < shortBlocks { block.append(0) }  // a placeholder, skipped below
      split.append(block + ecc)
    }
    var result: [UInt8] = []
    for column in 0..<split[0].count {
      for (index, block) in split.enumerated()
      where column != shortLength - eccLength || index >= shortBlocks {
        result.append(block[column])
      }
    }
    return result
  }
}

/// Bits appended most significant first.
struct BitBuffer {
  private(set) var bits: [Bool] = []
  var count: Int { bits.count }

  mutating func append(_ value: Int, count: Int) {
    for shift in stride(from: count - 1, through: 0, by: -1) {
      bits.append((value >> shift) & 1 == 1)
    }
  }

  var bytes: [UInt8] {
    stride(from: 0, to: bits.count, by: 8).map { start in
      var byte: UInt8 = 0
      for offset in 0..<8 {
        byte <<= 1
        if start + offset < bits.count, bits[start + offset] { byte |= 1 }
      }
      return byte
    }
  }
}

/// Reed–Solomon error correction over GF(2⁸) with the QR code's polynomial 0x11D.
enum ReedSolomon {
  static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
    var z = 0
    for bit in stride(from: 7, through: 0, by: -1) {
      z = (z << 1) ^ ((z >> 7) * 0x11D)
      z ^= ((Int(y) >> bit) & 1) * Int(x)
    }
    return UInt8(z & 0xFF)
  }

  /// The generator polynomial of `degree`, leading coefficient (always 1) left out.
  static func divisor(degree: Int) -> [UInt8] {
    var result = [UInt8](repeating: 0, count: degree)
    result[degree - 1] = 1
    var root: UInt8 = 1
    for _ in 0..<degree {
      for index in 0..<degree {
        result[index] = multiply(result[index], root)
        if index + 1 < degree { result[index] ^= result[index + 1] }
      }
      root = multiply(root, 0x02)
    }
    return result
  }

  static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
    var result = [UInt8](repeating: 0, count: divisor.count)
    for byte in data {
      let factor = byte ^ result.removeFirst()
      result.append(0)
      for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
    }
    return result
  }
}
