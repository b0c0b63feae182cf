import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The languages Saldo speaks. English is the source of every text; Dutch comes from the
/// catalog (`nl.po`). Machine formats (JSON, CSV, UBL, SEPA, exit codes, command and flag
/// names) are the same in every language.
public enum Language: String, Sendable, CaseIterable, Codable {
  case en
  case nl

  /// `--lang` and `language =`: `nl` or `en` (a locale such as `nl_BE` is taken too).
  public static func parse(_ text: String) throws(SaldoError) -> Language {
    let lowered = text.trimmingWhitespace().lowercased()
    if let exact = Language(rawValue: lowered) { return exact }
    if let fromLocale = fromLocale(lowered) { return fromLocale }
    throw SaldoError.invalid(
      tr(
        "unknown language \"\(Sanitize.line(text, limit: 20))\"; use nl (Nederlands) or en"
          + " (English)"))
  }

  /// The language a POSIX locale asks for (`nl_NL.UTF-8`, `nl_BE` → Dutch); nil when it names
  /// none Saldo speaks. `C` and `POSIX` are English.
  static func fromLocale(_ locale: String) -> Language? {
    let name = locale.lowercased()
    if name == "nl" || name.hasPrefix("nl_") || name.hasPrefix("nl-") || name.hasPrefix("nl.") {
      return .nl
    }
    if name == "c" || name == "posix" || name.hasPrefix("c.") || name == "en"
      || name.hasPrefix("en_") || name.hasPrefix("en-")
    {
      return .en
    }
    return nil
  }

  /// The language the environment's locale asks for: the first of `LC_ALL`, `LC_MESSAGES` and
  /// `LANG` that is set decides, as for any POSIX program; Dutch for `nl_NL` and `nl_BE`,
  /// English for everything else.
  public static func fromEnvironment(_ value: (String) -> String?) -> Language {
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      guard let locale = value(name), !locale.isEmpty else { continue }
      return fromLocale(locale) ?? .en
    }
    return .en
  }

  /// The language of what this process shows its user (screens, messages, help). E-mails and
  /// invoices name their own language: the recipient's, the buyer's.
  public static var current: Language { threadScope ?? chosen.withLock { $0 } }

  /// Runs `body` in `language` on this thread, over the process's choice: a test that draws a
  /// screen in Dutch does not change the language of the tests running beside it. Threads that
  /// `body` starts speak the process's language.
  ///
  /// A thread-local rather than a `@TaskLocal`: the task-local alone brought the concurrency
  /// runtime and libdispatch into the binary, whose start-up work and relocations cost every
  /// `saldo balance` more than its query.
  public static func scoped<Result>(_ language: Language, _ body: () throws -> Result) rethrows
    -> Result
  {
    guard let key = scopeKey else { return try body() }
    let outer = pthread_getspecific(key)
    pthread_setspecific(key, UnsafeRawPointer(bitPattern: code(of: language)))
    defer { pthread_setspecific(key, outer) }
    return try body()
  }

  private static var threadScope: Language? {
    guard let key = scopeKey, let stored = pthread_getspecific(key) else { return nil }
    let index = Int(bitPattern: stored) - 1
    return allCases.indices.contains(index) ? allCases[index] : nil
  }

  /// A language as a thread-specific value: its place among the cases, from 1 (0 is none).
  private static func code(of language: Language) -> Int {
    (allCases.firstIndex(of: language) ?? 0) + 1
  }

  /// Nil only when the process has used up its thread-specific keys (over a thousand); then
  /// no scope is set and every thread speaks the process's language.
  private static let scopeKey: pthread_key_t? = {
    var key = pthread_key_t()
    return pthread_key_create(&key, nil) == 0 ? key : nil
  }()

  /// Chosen once at start, from `--lang`, the config file or the locale.
  public static func use(_ language: Language) { chosen.withLock { $0 = language } }

  private static let chosen = Mutex<Language>(.en)

  /// The language's own name, as a choice is shown.
  public var name: String {
    switch self {
    case .en: "English"
    case .nl: "Nederlands"
    }
  }
}
