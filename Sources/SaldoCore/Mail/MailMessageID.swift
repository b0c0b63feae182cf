/// A `Message-ID` (RFC 5322 `msg-id`), stored without its angle brackets.
///
/// Generated ids are derived from a seed instead of randomness, so the same notification
/// (say `low-balance/env-42/2026-11-24`) always gets the same id: a retried send is then
/// recognisably the same message to mail servers and clients, and tests are reproducible.
public struct MailMessageID: Sendable, Hashable, Codable, CustomStringConvertible {
  /// `left@right`, e.g. `6f1c…@saldo.example`.
  public let value: String

  /// Accepts `<left@right>` or `left@right`, where both sides are dot-atoms.
  public init(_ text: String) throws(MailError) {
    var body = Substring(text)
    if body.hasPrefix("<") && body.hasSuffix(">") && body.count >= 2 {
      body = body.dropFirst().dropLast()
    }
    let parts = body.split(separator: "@", omittingEmptySubsequences: false)
    // 200 keeps `Message-ID: <…>` a sane single line; the id cannot be folded.
    guard parts.count == 2, body.utf8.count <= 200, MailAddress.isDotAtom(parts[0]),
      MailAddress.isDotAtom(parts[1])
    else { throw .invalidMessageID(text) }
    value = String(body)
  }

  /// A stable id from a seed that is unique per message, under a domain the sender owns.
  ///
  /// The seed is hashed (128 bits, FNV-1a twice) so ids reveal nothing of it; the hash is
  /// for uniqueness, not secrecy against someone guessing seeds.
  public init(seed: String, domain: String) throws(MailError) {
    guard MailAddress.isHostName(Substring(domain)) else { throw .invalidMessageID(domain) }
    let bytes = Array(seed.utf8)
    let high = FNV1a.hash(bytes)
    let low = FNV1a.hash(bytes + [0xFF], basis: 0x6c62_272e_07bb_0142)
    value = Self.hex(high) + Self.hex(low) + "@" + domain.lowercased()
  }

  /// `<value>`, as written in the header.
  public var bracketed: String { "<" + value + ">" }

  public var description: String { bracketed }

  private static func hex(_ value: UInt64) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: 16 - text.count) + text
  }
}
