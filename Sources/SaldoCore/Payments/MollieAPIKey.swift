/// A Mollie API key, checked once where it is read. `test_` keys take test payments on
/// Mollie's test mode (no money moves); `live_` keys take real money; nothing else is a key.
///
/// The key never leaves this type in text form except in the `Authorization` header: its
/// `description` and every error name only the mode and the last four characters, so it cannot
/// end up in a log, an error message or a crash report by accident.
public struct MollieAPIKey: Sendable, Equatable, CustomStringConvertible,
  CustomDebugStringConvertible
{
  /// Whether payments move real money.
  public enum Mode: String, Sendable { case test, live }

  public let mode: Mode
  private let secret: String

  /// Why a text is not a usable key; never contains the key.
  public enum Problem: Error, Equatable, CustomStringConvertible {
    case empty
    case unknownPrefix
    case badCharacters
    case tooShort

    public var description: String {
      switch self {
      case .empty: "the API key file is empty; put the key from the Mollie Dashboard in it"
      case .unknownPrefix:
        "the API key file does not hold a Mollie API key (test_… or live_…); copy it from"
          + " Developers > API keys in the Mollie Dashboard"
      case .badCharacters:
        "the Mollie API key holds characters a key never has; copy it again without"
          + " spaces or quotes"
      case .tooShort: "the Mollie API key is too short; copy the whole key"
      }
    }
  }

  /// Reads a key as kept in a file: one line, white space around it ignored.
  public init(fileText: String) throws(Problem) {
    let text = fileText.trimmingWhitespace()
    guard !text.isEmpty else { throw .empty }
    let mode: Mode
    if text.hasPrefix("test_") {
      mode = .test
    } else if text.hasPrefix("live_") {
      mode = .live
    } else {
      throw .unknownPrefix
    }
    let body = text.utf8.dropFirst(5)
    guard
      body.allSatisfy({ byte in
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
          || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      })
    else { throw .badCharacters }
    // Mollie's keys carry 30 characters after the prefix.
    guard body.count >= 30 else { throw .tooShort }
    self.mode = mode
    self.secret = text
  }

  /// The value of the `Authorization` header.
  public var authorizationHeader: String { "Bearer " + secret }

  public var description: String { "\(mode.rawValue)_…\(String(secret.suffix(4)))" }
  public var debugDescription: String { description }
}
