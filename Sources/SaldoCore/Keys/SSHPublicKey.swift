/// An OpenSSH public key as an `authorized_keys` line carries it: `TYPE BASE64 [COMMENT]`.
/// Parsed once at the edge and checked: only key types and sizes a platform should accept in
/// 2026 (Ed25519, ECDSA on the NIST curves, RSA of at least 3072 bits); DSA, short RSA,
/// certificates and security-key types are refused with the reason.
public struct SSHPublicKey: Sendable, Hashable {
  /// The key type as OpenSSH names it (`ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`, …).
  public let type: String
  /// The key's size in bits (256 for Ed25519, the curve's size, the RSA modulus).
  public let bits: Int
  /// The wire-format key, as sshd hands it to `AuthorizedKeysCommand` (`%k`), base64-encoded.
  public let base64: String
  /// `SHA256:` and the unpadded base64 digest of the key, exactly as `ssh-keygen -l` prints it.
  public let fingerprint: String

  /// The key as one `authorized_keys` word pair, without the comment (labels stay in Saldo).
  public var line: String { type + " " + base64 }

  static let curves: [String: (name: String, bits: Int, point: Int)] = [
    "ecdsa-sha2-nistp256": ("nistp256", 256, 65),
    "ecdsa-sha2-nistp384": ("nistp384", 384, 97),
    "ecdsa-sha2-nistp521": ("nistp521", 521, 133),
  ]
  /// RSA below this is refused: NIST and BSI retire 2048-bit RSA; 3072 bits is the floor.
  public static let minimumRSABits = 3072

  /// Parses the first key line of `text` (an `authorized_keys` line or a `.pub` file); options
  /// before the type are refused, since Saldo writes its own.
  public static func parse(_ text: String) throws -> SSHPublicKey {
    let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map {
      $0.trimmingSpaces()
    }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    if text.contains("PRIVATE KEY-----") {
      throw SaldoError.invalid(
        tr(
          "that is a private key, which never leaves its owner; give the .pub file beside it"))
    }
    guard let line = lines.first else {
      throw SaldoError.invalid(
        tr(
          "no public key given; pass the .pub file with --file PATH or on stdin"))
    }
    guard lines.count == 1 else {
      throw SaldoError.invalid(tr("give one public key at a time (found \(lines.count) lines)"))
    }
    let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard words.count >= 2 else {
      throw SaldoError.invalid(
        tr(
          "not an OpenSSH public key: expected `TYPE BASE64 [COMMENT]`, as in id_ed25519.pub"))
    }
    return try parse(type: words[0], base64: words[1])
  }

  /// Parses a key given only as base64 (as sshd passes `%k`): the type is read from the data.
  public static func parse(base64: String) throws -> SSHPublicKey {
    var reader = WireReader(Base64.decode(base64) ?? [])
    guard let type = reader.string().flatMap({ String(validatingUTF8Bytes: $0) }) else {
      throw SaldoError.invalid(tr("not an OpenSSH public key: the base64 data holds no key type"))
    }
    return try parse(type: type, base64: base64)
  }

  /// Parses a key given as type and base64 (as sshd passes `%t %k`).
  public static func parse(type: String, base64: String) throws -> SSHPublicKey {
    let shownType = Sanitize.line(type, limit: 40)
    // The type decides first: a refused type is refused for its name, whatever its data.
    if type == "ssh-dss" {
      throw SaldoError.invalid(
        tr(
          "DSA keys are refused (OpenSSH dropped them as too weak); make an Ed25519 key with"
            + " `ssh-keygen -t ed25519`"))
    }
    if type != "ssh-ed25519", type != "ssh-rsa", curves[type] == nil,
      type.hasPrefix("ssh-") || type.hasPrefix("ecdsa-") || type.hasPrefix("sk-")
        || type.contains("@")
    {
      throw SaldoError.invalid(
        tr(
          "key type \(shownType) is refused; use ssh-ed25519, ecdsa-sha2-nistp256/384/521 or"
            + " ssh-rsa of at least \(minimumRSABits) bits"))
    }
    guard let blob = Base64.decode(base64), !blob.isEmpty else {
      if type.hasPrefix("ssh-") || type.hasPrefix("ecdsa-") {
        throw SaldoError.invalid(tr("the key of type \(shownType) is not valid base64"))
      }
      throw SaldoError.invalid(
        tr(
          "not an OpenSSH public key (a private key or options?): give the .pub file, which starts"
            + " with ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa"))
    }
    var reader = WireReader(blob)
    guard let inner = reader.string(), let innerType = String(validatingUTF8Bytes: inner),
      innerType == type
    else {
      throw SaldoError.invalid(tr("the key's data does not match its type \(shownType)"))
    }
    let bits: Int
    switch type {
    case "ssh-ed25519":
      guard let key = reader.string(), key.count == 32 else { throw damaged(type) }
      bits = 256
    case "ssh-rsa":
      guard let exponent = reader.string(), let modulus = reader.string(), !exponent.isEmpty
      else { throw damaged(type) }
      bits = significantBits(modulus)
      guard bits >= minimumRSABits else {
        throw SaldoError.invalid(
          tr(
            "RSA key of \(bits) bits refused: at least \(minimumRSABits) bits are needed; make an"
              + " Ed25519 key with `ssh-keygen -t ed25519`"))
      }
    default:
      if let curve = curves[type] {
        guard let name = reader.string(), String(validatingUTF8Bytes: name) == curve.name,
          let point = reader.string(), point.count == curve.point, point.first == 4
        else { throw damaged(type) }
        bits = curve.bits
      } else {
        throw SaldoError.invalid(
          tr(
            "key type \(shownType) is refused; use ssh-ed25519, ecdsa-sha2-nistp256/384/521 or"
              + " ssh-rsa of at least \(minimumRSABits) bits"))
      }
    }
    guard reader.atEnd else { throw damaged(type) }
    let fingerprint =
      "SHA256:" + String(MailEncoding.base64(SHA256.digest(blob)).prefix { $0 != "=" })
    return SSHPublicKey(
      type: type, bits: bits, base64: MailEncoding.base64(blob), fingerprint: fingerprint)
  }

  /// Whether `text` has the shape of a fingerprint Saldo prints (`SHA256:` + 43 base64 chars).
  public static func isFingerprint(_ text: String) -> Bool {
    guard text.hasPrefix("SHA256:") else { return false }
    let digest = text.dropFirst(7)
    return digest.count == 43
      && digest.unicodeScalars.allSatisfy {
        $0.isASCII
          && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "+" || $0 == "/")
      }
  }

  private static func damaged(_ type: String) -> SaldoError {
    SaldoError.invalid(
      tr(
        "the \(Sanitize.line(type, limit: 40)) key is damaged (wrong length or"
          + " extra bytes); copy the whole line of the .pub file"))
  }

  private static func significantBits(_ mpint: [UInt8]) -> Int {
    guard let first = mpint.firstIndex(where: { $0 != 0 }) else { return 0 }
    return (mpint.count - first - 1) * 8 + (8 - mpint[first].leadingZeroBitCount)
  }
}

/// SSH wire format (RFC 4251): a uint32 length, then that many bytes.
private struct WireReader {
  let bytes: [UInt8]
  var offset = 0
  init(_ bytes: [UInt8]) { self.bytes = bytes }
  var atEnd: Bool { offset == bytes.count }

  mutating func string() -> [UInt8]? {
    guard bytes.count - offset >= 4 else { return nil }
    let length =
      Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
      | Int(bytes[offset + 3])
    offset += 4
    guard length <= bytes.count - offset else { return nil }
    defer { offset += length }
    return Array(bytes[offset..<(offset + length)])
  }
}

/// Standard base64 with padding, strict: any other character or a bad length is nil.
enum Base64 {
  static func decode(_ text: String) -> [UInt8]? {
    var values: [UInt8] = []
    var padding = 0
    for byte in text.utf8 {
      let value: UInt8
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - 65
      case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - 97 + 26
      case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - 48 + 52
      case UInt8(ascii: "+"): value = 62
      case UInt8(ascii: "/"): value = 63
      case UInt8(ascii: "="):
        padding += 1
        continue
      default: return nil
      }
      if padding > 0 { return nil }
      values.append(value)
    }
    guard (values.count + padding) % 4 == 0, padding <= 2, values.count % 4 != 1 else {
      return nil
    }
    var out: [UInt8] = []
    var index = 0
    while index < values.count {
      let chunk = values[index..<min(index + 4, values.count)].map { UInt32($0) }
      var word: UInt32 = 0
      for (i, value) in chunk.enumerated() { word |= value << UInt32(18 - 6 * i) }
      out.append(UInt8(truncatingIfNeeded: word >> 16))
      if chunk.count > 2 { out.append(UInt8(truncatingIfNeeded: word >> 8)) }
      if chunk.count > 3 { out.append(UInt8(truncatingIfNeeded: word)) }
      index += 4
    }
    return out
  }
}

extension Substring {
  fileprivate func trimmingSpaces() -> Substring {
    var result = self
    while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
    while let last = result.last, last == " " || last == "\t" { result.removeLast() }
    return result
  }
}

extension String {
  fileprivate init?(validatingUTF8Bytes bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
    self = text
  }
}
