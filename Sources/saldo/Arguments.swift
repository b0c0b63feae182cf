/// The command line after the command words: options with values, flags, and positionals.
/// Each command declares which options it takes, so a typo is an error, not a silent no-op.
struct Arguments {
  private(set) var values: [String: String] = [:]
  private(set) var flags: Set<String> = []
  private(set) var positionals: [String] = []

  /// Parses `words` against the options that take a value and the flags a command accepts.
  /// Accepts `--name value`, `--name=value` and `--` to end options.
  init(_ words: [String], options: Set<String>, flags allowedFlags: Set<String>) throws {
    var index = 0
    var onlyPositionals = false
    while index < words.count {
      let word = words[index]
      index += 1
      // "-5" is a (negative) amount, not an option: let the amount parser say what is wrong.
      let looksNumeric = word.dropFirst().first.map { $0.isNumber } ?? false
      if onlyPositionals || !word.hasPrefix("-") || word == "-" || looksNumeric {
        positionals.append(word)
        continue
      }
      if word == "--" {
        onlyPositionals = true
        continue
      }
      var name = word
      var inline: String?
      if let equals = word.firstIndex(of: "=") {
        name = String(word[..<equals])
        inline = String(word[word.index(after: equals)...])
      }
      if options.contains(name) {
        if let inline {
          values[name] = inline
        } else {
          guard index < words.count else {
            throw UsageError(tr("\(name) needs a value"))
          }
          values[name] = words[index]
          index += 1
        }
      } else if allowedFlags.contains(name), inline == nil {
        flags.insert(name)
      } else {
        // A name may begin with "-": after `--` every word is a positional.
        let shown = Sanitize.line(name, limit: 40)
        throw UsageError(
          tr("unknown option \(shown); if it is a name that begins with -, put -- before it"))
      }
    }
  }

  func value(_ name: String) -> String? { values[name] }
  func has(_ flag: String) -> Bool { flags.contains(flag) }

  func required(_ name: String) throws -> String {
    guard let value = values[name] else { throw UsageError(tr("\(name) is required")) }
    return value
  }
}

/// The command line was not understood; exit code 1. The message is already in the user's
/// language.
struct UsageError: Error, CustomStringConvertible {
  let message: String
  var command: String?
  init(_ message: String, command: String? = nil) {
    self.message = message
    self.command = command
  }
  var description: String { message }
}

import SaldoCore
