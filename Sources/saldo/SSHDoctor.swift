import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// `saldo check --ssh`: what is wrong with serving Saldo over SSH from this account. It reads
/// files as sshd would see them; the judgements about people (who has no key) come from the core.
/// The problems are written in `language`: the user's, or English for `--json`.
enum SSHDoctor {
  static func problems(_ saldo: Saldo, in language: Language) throws -> [String] {
    // Asked first: the core refuses anyone but an operator before a file is looked at.
    let withoutKeys = try saldo.keys.usersWithoutKeys()
    var problems: [String] = []
    let path = KeyCommands.authorizedKeysPath()
    let folder = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
    // A sentence each for the folder and the file: "folder" and "file" are words of it.
    for (file, isFolder) in [(folder, true), (path, false)] {
      var info = stat()
      guard stat(file, &info) == 0 else {
        problems.append(tr("\(file) is missing; run `saldo key sync`", language))
        continue
      }
      let owner = info.st_uid
      if owner != geteuid() && owner != 0 {
        problems.append(
          isFolder
            ? tr(
              "the folder \(file) belongs to uid \(owner); sshd's StrictModes wants it owned by the service account: chown it",
              language)
            : tr(
              "the file \(file) belongs to uid \(owner); sshd's StrictModes wants it owned by the service account: chown it",
              language))
      }
      if info.st_mode & 0o022 != 0 {
        problems.append(
          isFolder
            ? tr(
              "the folder \(file) is writable by others; sshd's StrictModes refuses it: chmod go-w \(file)",
              language)
            : tr(
              "the file \(file) is writable by others; sshd's StrictModes refuses it: chmod go-w \(file)",
              language))
      }
    }
    let (_, existing, wanted) = try KeyCommands.authorizedKeys(saldo)
    if existing != wanted {
      let binary = try KeyCommands.executablePath()
      let block = AuthorizedKeysFile.managedLines(existing)
      if block == nil {
        problems.append(tr("\(path) has no Saldo block; run `saldo key sync`", language))
      } else if let stale = block?.first(where: { !$0.contains("command=\"\(binary) ") }) {
        let line = Sanitize.line(String(stale.prefix(80)))
        problems.append(
          tr(
            "the block names another binary than \(binary) (\(line)…); run `saldo key sync`",
            language))
      } else {
        problems.append(
          tr(
            "the Saldo block in \(path) differs from the keys in the database; run `saldo key sync`",
            language))
      }
    }
    problems += sshdOptions(in: language)
    for login in withoutKeys {
      problems.append(
        tr(
          "user \(login) has no key and cannot come in over SSH; add one with `saldo key add \(login) --file KEY.pub` (or ignore this for a local user)",
          language))
    }
    return problems
  }

  /// Options in sshd's configuration that break the set-up. The file may not be readable by
  /// this account; then nothing is said about it.
  static func sshdOptions(in language: Language) -> [String] {
    var files = ["/etc/ssh/sshd_config"]
    if let dir = opendir("/etc/ssh/sshd_config.d") {
      while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) {
          String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name.hasSuffix(".conf") { files.append("/etc/ssh/sshd_config.d/" + name) }
      }
      closedir(dir)
    }
    var problems: [String] = []
    for file in files {
      guard let text = try? KeyCommands.readFile(file) else { continue }
      for line in text.split(separator: "\n") {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map {
          $0.lowercased()
        }
        guard let option = words.first, !option.hasPrefix("#") else { continue }
        let value = words.dropFirst().first ?? ""
        if option == "match" { break }  // Match blocks are beyond a line-by-line read.
        if option == "permittty", value == "no" {
          problems.append(
            tr(
              "\(file): PermitTTY no takes the terminal interface away (ssh -t); allow it, at least for the service account",
              language))
        }
        if option == "forcecommand" {
          problems.append(
            tr(
              "\(file): ForceCommand overrides Saldo's forced command for every key; exempt the service account with a Match block",
              language))
        }
        if option == "pubkeyauthentication", value == "no" {
          problems.append(tr("\(file): PubkeyAuthentication no lets no key in", language))
        }
        if option == "authorizedkeysfile",
          !words.dropFirst().contains(where: {
            $0 == ".ssh/authorized_keys" || $0 == "%h/.ssh/authorized_keys"
          }), Context.environment("SALDO_AUTHORIZED_KEYS") == nil
        {
          problems.append(
            tr(
              "\(file): AuthorizedKeysFile does not include .ssh/authorized_keys; add it, or set SALDO_AUTHORIZED_KEYS to the file sshd reads",
              language))
        }
      }
    }
    return problems
  }
}
