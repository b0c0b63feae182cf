/// An e-mail address (`local@domain`), checked strictly enough to catch typing mistakes.
///
/// Only the common form is accepted: a dot-atom local part, a domain of at least two
/// letter-digit-hyphen labels, ASCII only, at most 254 characters. Quoted local parts, domain
/// literals and internationalised addresses are valid RFC 5321/5322 but rare, easy to abuse and
/// unsupported by many relays, so an administrator is asked for the plain form instead.
public struct MailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The address as typed (case kept: local parts may be case-sensitive).
  public let value: String

  /// The longest address SMTP can carry in a path.
  public static let maximumLength = 254

  public init(_ text: String) throws(MailAddressError) {
    let scalars = Array(text.unicodeScalars)
    guard !scalars.isEmpty else { throw .empty }
    if scalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
      throw .whitespaceOrControl
    }
    guard scalars.allSatisfy(\.isASCII) else { throw .nonASCII }
    guard scalars.count <= Self.maximumLength else { throw .tooLong(scalars.count) }
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2 else { throw parts.count < 2 ? .missingAt : .severalAts }
    guard Self.isDotAtom(parts[0]), parts[0].utf8.count <= 64 else {
      throw .invalidLocalPart
    }
    guard Self.isHostName(parts[1]) else { throw .invalidDomain }
    value = text
  }

  /// The part after the `@`.
  public var domain: String {
    String(value.split(separator: "@", omittingEmptySubsequences: false).last ?? "")
  }

  public var description: String { value }

  /// RFC 5322 `dot-atom-text`: atoms of `atext` joined by single dots.
  static func isDotAtom(_ text: Substring) -> Bool {
    let atoms = text.split(separator: ".", omittingEmptySubsequences: false)
    return atoms.allSatisfy { atom in
      !atom.isEmpty && atom.unicodeScalars.allSatisfy(MailEncoding.isAtext)
    }
  }

  /// A DNS host name with at least two labels of letters, digits and inner hyphens.
  static func isHostName(_ text: Substring) -> Bool {
    let labels = text.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2, text.utf8.count <= 253 else { return false }
    return labels.allSatisfy { label in
      let bytes = Array(label.utf8)
      guard !bytes.isEmpty, bytes.count <= 63, bytes.first != 45, bytes.last != 45 else {
        return false
      }
      return bytes.allSatisfy { b in
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45
      }
    }
  }
}

/// Why an e-mail address was refused; each message says what to type instead.
public enum MailAddressError: Error, Equatable, CustomStringConvertible {
  case empty
  case whitespaceOrControl
  case nonASCII
  case tooLong(Int)
  case missingAt
  case severalAts
  case invalidLocalPart
  case invalidDomain

  private static var example: String { tr("type an address like name@example.com") }

  public var description: String {
    switch self {
    case .empty: return tr("the e-mail address is empty; \(Self.example)")
    case .whitespaceOrControl:
      return tr("an e-mail address has no spaces or line breaks; remove them and \(Self.example)")
    case .nonASCII:
      return tr("use the plain ASCII form of the e-mail address (no accents); \(Self.example)")
    case .tooLong(let count):
      return tr("an e-mail address has at most 254 characters, not \(count); \(Self.example)")
    case .missingAt: return tr("an e-mail address needs an @; \(Self.example)")
    case .severalAts: return tr("an e-mail address has exactly one @; \(Self.example)")
    case .invalidLocalPart:
      return tr(
        "the part before the @ has letters, digits, single dots and ! # $ % & ' * + - / = "
          + "? ^ _ ` { | } ~ only, at most 64; \(Self.example)")
    case .invalidDomain:
      return tr("the part after the @ must be a domain such as example.com; \(Self.example)")
    }
  }
}

/// A display name and an address: `José Müller <jose@example.com>`.
public struct Mailbox: Sendable, Hashable, Codable {
  /// The display name; empty when only the address is shown.
  public let name: String
  public let address: MailAddress

  /// Refuses a name with line breaks or other control characters: in a header they could
  /// start a new header line (header injection), and a name has no business carrying them.
  public init(name: String = "", address: MailAddress) throws(MailError) {
    try MailEncoding.requireOneLine(name, field: "display name")
    self.name = name
    self.address = address
  }

  /// Checks the address too; see `MailAddress`.
  public init(name: String = "", address: String) throws(MailError) {
    let parsed: MailAddress
    do { parsed = try MailAddress(address) } catch { throw .invalidAddress(error) }
    try self.init(name: name, address: parsed)
  }
}
