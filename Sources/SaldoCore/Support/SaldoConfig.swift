/// The configuration file (`$XDG_CONFIG_HOME/saldo/config`): `key = value` lines, `#`
/// comments. Unknown keys and garbage are errors with the line number, so a typo never
/// silently changes nothing.
public struct SaldoConfig: Sendable, Hashable {
  /// Colour theme name (`themes/NAME.theme`).
  public var theme: String?
  /// Path of the system's sendmail; without it, mail goes to `.eml` files beside the database.
  public var sendmail: String?
  /// The SSH address people reach Saldo at (`saldo@platform.example`): links in e-mails then
  /// read `ssh -t ADDRESS open invoice/NUMBER`.
  public var ssh: String?
  /// `mouse = on` turns mouse tracking on in the terminal interface, as `--mouse` does; off by
  /// default so the terminal keeps selecting text. Nil when the file does not say.
  public var mouse: Bool?
  /// `language = nl` or `en`: what Saldo speaks when `--lang` does not say; else the locale.
  public var language: Language?

  public static let keys = ["theme", "sendmail", "ssh", "mouse", "language"]

  public init(theme: String? = nil, sendmail: String? = nil, mouse: Bool? = nil) {
    self.theme = theme
    self.sendmail = sendmail
    self.mouse = mouse
  }

  public struct ParseError: Error, CustomStringConvertible {
    public let description: String
  }

  public static func parse(bytes: [UInt8], path: String) throws(ParseError) -> SaldoConfig {
    guard bytes.count <= 64 * 1024 else {
      throw ParseError(description: "\(path) is larger than 64 KiB; it is not a Saldo config")
    }
    guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
      throw ParseError(description: "\(path) is not UTF-8 text; write it as key = value lines")
    }
    var config = SaldoConfig()
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters()
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let equals = line.firstIndex(of: "=") else {
        throw ParseError(
          description: "\(path):\(index + 1): expected key = value, e.g. theme = dark")
      }
      let key = String(line[..<equals]).trimmingWhitespace().lowercased()
      let value = String(line[line.index(after: equals)...]).trimmingWhitespace()
      guard Sanitize.validName(value, limit: 4096) else {
        throw ParseError(
          description: "\(path):\(index + 1): the value of \(key) is empty or"
            + " contains control characters")
      }
      switch key {
      case "theme": config.theme = value
      case "sendmail":
        guard value.hasPrefix("/") else {
          throw ParseError(
            description: "\(path):\(index + 1): sendmail must be an absolute"
              + " path, e.g. /usr/sbin/sendmail")
        }
        config.sendmail = value
      case "ssh":
        let allowed = value.unicodeScalars.allSatisfy {
          $0.isASCII
            && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
              || "@.-_:".unicodeScalars.contains($0))
        }
        guard allowed, !value.hasPrefix("-") else {
          throw ParseError(
            description: "\(path):\(index + 1): ssh must be an address such as"
              + " saldo@platform.example (letters, digits and @ . - _ :)")
        }
        config.ssh = value
      case "language":
        do { config.language = try Language.parse(value) } catch {
          throw ParseError(
            description: "\(path):\(index + 1): language is nl or en, e.g. language = nl")
        }
      case "mouse":
        switch value.lowercased() {
        case "on", "yes", "true": config.mouse = true
        case "off", "no", "false": config.mouse = false
        default:
          throw ParseError(
            description: "\(path):\(index + 1): mouse is on or off, e.g."
              + " mouse = on")
        }
      default:
        throw ParseError(
          description: "\(path):\(index + 1): unknown key"
            + " \"\(Sanitize.line(key, limit: 30))\"; known keys: " + keys.joined(separator: ", "))
      }
    }
    return config
  }
}

extension Substring {
  func trimmingCharacters() -> String { String(self).trimmingWhitespace() }
}
