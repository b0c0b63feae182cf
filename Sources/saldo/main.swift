import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// What Saldo speaks in this process unless `--lang` says otherwise: `language =` in the config
/// file, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`). Chosen before the command line is
/// read, so that even a mistake in it is reported in the user's language. A config file that
/// does not parse is reported by the command that reads it; here it only does not decide the
/// language.
func useConfiguredLanguage() {
  if let configured = (try? Context.configuration())?.language {
    Language.use(configured)
  } else {
    Language.use(Language.fromEnvironment { Context.environment($0) })
  }
}

/// The one line for a process that has no account to act as.
func noAccountMessage() -> String {
  "saldo: "
    + tr(
      "cannot tell which account this is (no passwd entry for uid \(geteuid())); run Saldo as a regular user"
    )
}

/// Runs one command line and returns the exit code. Errors become one line on stderr.
func runSaldo(_ arguments: [String]) -> ExitCode {
  var words = arguments
  var databasePath: String?
  var environmentName: String?
  var themeName: String?
  var languageName: String?
  var mouse = false
  var asLogin: String?
  var keyFingerprint: String?
  do {
    // Global options may stand anywhere before `--`.
    func takeGlobalOptions(_ words: inout [String]) throws {
      // --mouse switches mouse tracking on for the terminal interface (it is off so that the
      // terminal keeps selecting text).
      if let at = words.firstIndex(of: "--mouse"), at < (words.firstIndex(of: "--") ?? words.count)
      {
        words.remove(at: at)
        mouse = true
      }
      var index = 0
      while index < words.count, words[index] != "--" {
        let word = words[index]
        for name in ["--db", "--env", "--theme", "--lang", "--as", "--key"]
        where word == name || word.hasPrefix(name + "=") {
          let value: String
          if word == name {
            guard index + 1 < words.count else { throw UsageError(tr("\(name) needs a value")) }
            value = words[index + 1]
            words.removeSubrange(index...(index + 1))
          } else {
            value = String(word.dropFirst(name.count + 1))
            words.remove(at: index)
          }
          switch name {
          case "--db": databasePath = value
          case "--env": environmentName = value
          case "--as": asLogin = value
          case "--key": keyFingerprint = value
          case "--lang": languageName = value
          default: themeName = value
          }
          index -= 1
          break
        }
        index += 1
      }
    }
    try takeGlobalOptions(&words)
    if let languageName { Language.use(try Language.parse(languageName)) }
    var account = SystemAccount.current()
    var remote: Context.RemoteSession?
    if let asLogin {
      let served = try RemoteIdentity.resolve(
        login: asLogin, fingerprint: keyFingerprint,
        databasePath: databasePath ?? Context.defaultDatabasePath(), words: &words)
      account = served.account
      remote = served.session
      // The words sshd was asked for were checked (no --db, --as, --key); take --env,
      // --theme and --lang from them like from a local command line.
      try takeGlobalOptions(&words)
      if let languageName { Language.use(try Language.parse(languageName)) }
    } else if keyFingerprint != nil {
      throw UsageError(tr("--key goes with --as LOGIN (in the forced command sshd runs)"))
    }
    if words.first == "--version" {
      print(Commands.version)
      return .ok
    }
    if words.first == "--help" || words.first == "-h" {
      print(Commands.overview)
      return .ok
    }
    if words.first == "help" {
      let topic = Array(words.dropFirst())
      if topic.isEmpty {
        print(Commands.overview)
        return .ok
      }
      guard let (spec, _) = Commands.find(topic) else {
        let name = Sanitize.line(topic.joined(separator: " "), limit: 40)
        throw UsageError(tr("no command \"\(name)\""))
      }
      print(spec.help, terminator: "")
      return .ok
    }
    if words.isEmpty {
      guard let account else {
        StandardError.line(noAccountMessage())
        return .refused
      }
      try TUIRunner.run(
        context: Context(
          databasePath: databasePath ?? Context.defaultDatabasePath(),
          databasePathGiven: databasePath != nil, environmentName: environmentName,
          account: account, clock: SystemClock()
        ).serving(remote),
        themeName: themeName, mouse: mouse)
      return .ok
    }
    guard let (spec, found) = Commands.find(words) else {
      let name = Sanitize.line(words.prefix(2).joined(separator: " "), limit: 40)
      throw UsageError(tr("unknown command \"\(name)\""))
    }
    var rest = found
    if let themeName {
      guard spec.options.contains("--theme") else {
        throw UsageError(
          tr("--theme is for the terminal interface (saldo, saldo open, saldo demo)"),
          command: spec.name)
      }
      rest += ["--theme", themeName]
    }
    if mouse {
      guard spec.flags.contains("--mouse") else {
        throw UsageError(
          tr("--mouse is for the terminal interface (saldo, saldo open, saldo demo)"),
          command: spec.name)
      }
      rest.append("--mouse")
    }
    if rest.contains("--help") || rest.contains("-h") {
      print(spec.help, terminator: "")
      return .ok
    }
    guard let account else {
      StandardError.line(noAccountMessage())
      return .refused
    }
    let parsed: Arguments
    do {
      parsed = try Arguments(rest, options: spec.options, flags: spec.flags)
    } catch var error as UsageError {
      error.command = spec.name
      throw error
    }
    let context = Context(
      databasePath: databasePath ?? Context.defaultDatabasePath(),
      databasePathGiven: databasePath != nil,
      environmentName: environmentName, account: account, clock: SystemClock())
    context.remote = remote
    defer { context.output.flush() }
    try spec.run(context, parsed)
    return .ok
  } catch let error as UsageError {
    let message = error.message
    let line =
      error.command.map { tr("\(message); see `saldo help \($0)`") }
      ?? tr("\(message); see `saldo --help`")
    StandardError.line("saldo: " + line)
    return .usage
  } catch let error as PartialFailure {
    StandardError.line("saldo: " + error.message)
    return .refused
  } catch let error as SaldoError {
    StandardError.line("saldo: " + error.description)
    return .refused
  } catch let error as AmountError {
    StandardError.line("saldo: " + error.description)
    return .refused
  } catch let error as StoreError {
    StandardError.line("saldo: " + error.description)
    return .store
  } catch let error as MoneyError {
    StandardError.line("saldo: " + error.description)
    return .refused
  } catch {
    StandardError.line("saldo: \(error)")
    return .store
  }
}

/// A command that did part of its work and reports the rest; exits 2 (refused).
struct PartialFailure: Error {
  let message: String
  init(_ message: String) { self.message = message }
}

/// The arguments as the kernel passed them, refusing invalid UTF-8 instead of replacing it
/// with U+FFFD (which would store something nobody typed).
func commandLineArguments() -> Result<[String], SaldoError> {
  var words: [String] = []
  for index in 1..<Int(CommandLine.argc) {
    guard let pointer = CommandLine.unsafeArgv[index] else { continue }
    // The common case without generic code or a translated name: both cost more at start
    // than `saldo balance` reading its answer.
    if let word = String(validatingCString: pointer) {
      words.append(word)
      continue
    }
    let bytes = UnsafeBufferPointer(start: pointer, count: strlen(pointer))
      .map { UInt8(bitPattern: $0) }
    do {
      words.append(try TextRules.decodeUTF8(bytes, what: tr("argument \(index)")))
    } catch {
      return .failure(error)
    }
  }
  return .success(words)
}

useConfiguredLanguage()
let code: ExitCode
switch commandLineArguments() {
case .success(let words): code = runSaldo(words)
case .failure(let error):
  StandardError.line("saldo: " + error.description)
  code = .refused
}
exit(code.rawValue)
