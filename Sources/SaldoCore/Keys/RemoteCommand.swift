/// A command that arrives over SSH (`SSH_ORIGINAL_COMMAND`): split into words the way a POSIX
/// shell splits them, without running any shell, and held to what a person who is not the
/// service account may ask for.
public enum RemoteCommand {
  /// Longer commands are refused: no Saldo command needs this much, and a flood of arguments
  /// is an attack, not a request.
  public static let byteLimit = 8192

  /// Splits like `sh` does for quotes and backslashes, with no expansion of any kind (`$`,
  /// backquotes, `~`, globs stay literal). Unquoted shell operators are refused: there is no
  /// shell here to give them a meaning, and a word like `;` is never what a person meant.
  public static func split(_ text: String) throws -> [String] {
    guard text.utf8.count <= byteLimit else {
      throw SaldoError.invalid(
        tr(
          "the command is longer than \(byteLimit) bytes; Saldo commands are short: give a file"
            + " on stdin instead (`… | ssh HOST consume --file -`)"))
    }
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var chars = Array(text)
    var index = 0
    if chars.contains("\0") { chars.removeAll() }
    while index < chars.count {
      let c = chars[index]
      index += 1
      switch quote {
      case "'":
        if c == "'" { quote = nil } else { word.append(c) }
      case "\"":
        if c == "\"" {
          quote = nil
        } else if c == "\\", index < chars.count, "$`\"\\\n".contains(chars[index]) {
          if chars[index] != "\n" { word.append(chars[index]) }
          index += 1
        } else {
          word.append(c)
        }
      default:
        switch c {
        case " ", "\t", "\n":
          if inWord { words.append(word) }
          word = ""
          inWord = false
        case "'", "\"":
          quote = c
          inWord = true
        case "\\":
          guard index < chars.count else {
            throw SaldoError.invalid(tr("the command ends in a lone backslash"))
          }
          if chars[index] != "\n" {
            word.append(chars[index])
            inWord = true
          }
          index += 1
        case ";", "|", "&", "<", ">", "(", ")":
          throw SaldoError.invalid(
            tr(
              "\"\(c)\" is a shell operator and Saldo runs no shell; quote it if it is part of a"
                + " name, and redirect on your own side (`ssh HOST transactions --csv > nov.csv`)"))
        default:
          word.append(c)
          inWord = true
        }
      }
    }
    guard quote == nil else {
      throw SaldoError.invalid(tr("the command has an unclosed \(quote == "'" ? "'" : "\"") quote"))
    }
    if inWord { words.append(word) }
    return words
  }

  /// Refuses what only the service account may do, and local files: the database and identity
  /// are fixed by the forced command, the demo and `init` are set-up work, and paths name the
  /// service account's files, not the caller's.
  public static func check(_ words: [String]) throws {
    let optionsEnd = words.firstIndex(of: "--") ?? words.count
    for (index, word) in words[..<optionsEnd].enumerated() {
      for name in ["--db", "--as", "--key"] where word == name || word.hasPrefix(name + "=") {
        throw SaldoError.forbidden(
          tr(
            "\(name) is not available over SSH: the service decides the database and who you are"))
      }
      if word == "-o" || word.hasPrefix("-o=") {
        throw SaldoError.forbidden(
          tr(
            "-o writes a file on the server; over SSH leave it out and redirect on your side:"
              + " ssh HOST \(shown(words.prefix(index))) > FILE"))
      }
      if word == "--file" || word.hasPrefix("--file=") {
        let value =
          word == "--file"
          ? (index + 1 < optionsEnd ? words[index + 1] : "") : String(word.dropFirst(7))
        if value != "-" {
          throw SaldoError.forbidden(
            tr(
              "--file reads a file on the server; over SSH send it on stdin with --file -:"
                + " cat FILE | ssh HOST \(shown(words.prefix(index))) --file -"))
        }
      }
    }
    // The command is the first word that is neither an option nor a global option's value.
    var command: String?
    var index = 0
    while index < optionsEnd {
      if ["--env", "--theme"].contains(words[index]) {
        index += 2
        continue
      }
      if !words[index].hasPrefix("-") {
        command = words[index]
        break
      }
      index += 1
    }
    if let command, ["demo", "init"].contains(command) {
      throw SaldoError.forbidden(
        tr(
          "`\(command)` is not available over SSH; it is set-up work for the service account"))
    }
  }

  private static func shown(_ words: ArraySlice<String>) -> String {
    Sanitize.line(words.joined(separator: " "), limit: 80)
  }
}
