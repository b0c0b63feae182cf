/// The block Saldo keeps in the service account's `~/.ssh/authorized_keys`: one line a key,
/// forcing `saldo --as LOGIN --key FINGERPRINT`. Lines outside the markers are the owner's and
/// are kept byte for byte.
public enum AuthorizedKeysFile {
  public static let begin = "# BEGIN saldo keys: managed by `saldo key`, edits here are lost"
  public static let end = "# END saldo keys"

  /// The forced command and options for one key. `restrict` turns off forwarding, X11, agent
  /// and user rc; `pty` gives the terminal interface back its terminal.
  public static func line(for key: StoredKey, binary: String) -> String {
    "command=\"\(binary) --as \(key.login) --key \(key.key.fingerprint)\",restrict,pty "
      + key.key.line
  }

  /// sshd runs the forced command through the account's shell, so the path must be a plain
  /// word: anything else could change what runs.
  public static func checkBinary(_ path: String) throws {
    let plain =
      path.hasPrefix("/")
      && path.unicodeScalars.allSatisfy {
        $0.isASCII
          && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
            || "/._-+".unicodeScalars
              .contains($0))
      }
    guard plain else {
      throw SaldoError.invalid(
        tr(
          "the saldo binary's path \(Sanitize.line(path, limit: 80)) is not a plain absolute path"
            + " (letters, digits, / . _ - +); install it at one such as /usr/local/bin/saldo and"
            + " run `saldo key sync` again"))
    }
  }

  /// `existing` with its managed block replaced by `lines` (added at the end when absent).
  public static func render(existing: String, lines: [String]) -> String {
    let (before, _, after) = split(existing)
    var out = before
    if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
    out += begin + "\n" + lines.map { $0 + "\n" }.joined() + end + "\n"
    out += after
    return out
  }

  /// The lines of the managed block, or nil when the file has none.
  public static func managedLines(_ existing: String) -> [String]? {
    split(existing).block
  }

  private static func split(_ text: String) -> (before: String, block: [String]?, after: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(of: begin),
      let stop = lines[start...].firstIndex(of: end)
    else { return (text, nil, "") }
    // The text is lines joined by "\n"; rejoining the parts keeps every byte outside.
    let before = lines[..<start].map { $0 + "\n" }.joined()
    let after = lines[(stop + 1)...].joined(separator: "\n")
    return (before, Array(lines[(start + 1)..<stop]), after)
  }
}
