#if canImport(Glibc)
  import Glibc
#endif

/// Why the store could not do what was asked, phrased for the person at the terminal.
public enum StoreError: Error, Equatable, CustomStringConvertible {
  /// No database file at the path (and this command does not create one).
  case missing(path: String)
  case cannotOpen(path: String, reason: String)
  /// Another process holds the lock longer than the busy timeout.
  case busy(path: String)
  case readOnly(path: String)
  /// Not a SQLite file, or a damaged one.
  case corrupt(path: String, detail: String)
  /// Written by a newer Saldo than this one.
  case newerVersion(path: String, found: Int, supported: Int)
  /// Not a Saldo database (another application's SQLite file).
  case foreign(path: String)
  /// Any other SQLite failure, with the extended result code and the statement.
  case sqlite(code: Int32, message: String, sql: String)
  case diskFull(path: String)
  /// `saldo check` found guarantees broken (listed where it ran).
  case checkFailed(path: String, problems: Int)

  /// Whether the failure comes from the surroundings (lock, disk, permissions, the file) rather
  /// than from what was being written: then retrying elsewhere cannot help either.
  public var isEnvironmental: Bool {
    switch self {
    case .sqlite(let code, _, _): return code & 0xFF == 10 || code & 0xFF == 7
    default: return true
    }
  }

  /// `SALDO_DEBUG=1` adds the SQLite message and statement to store errors.
  static var debug: Bool {
    guard let value = getenv("SALDO_DEBUG") else { return false }
    return String(cString: value) == "1"
  }

  public var description: String {
    switch self {
    case .missing(let path):
      return tr(
        "no Saldo database at \(path); create one with `saldo init --env NAME --org NAME`"
          + " or `saldo demo`, or point --db at an existing one")
    case .cannotOpen(let path, let reason):
      return tr("cannot open \(path): \(reason); check the path and its permissions")
    case .busy(let path):
      return tr("the database \(path) is locked by another process; try again in a moment")
    case .readOnly(let path):
      return tr(
        "the database \(path) is read-only; check the permissions of the file and its folder")
    case .corrupt(let path, let detail):
      return tr(
        "the database \(path) is damaged or not a database (\(detail)); restore it from a"
          + " backup")
    case .checkFailed(let path, let problems):
      return tr(
        "saldo check found \(problems) problem(s) in \(path), listed above: money or"
          + " documents that disagree; keep a copy of the file for investigation, then correct each"
          + " one (`saldo invoice cancel` or `saldo invoice reissue` for documents) or restore a"
          + " backup")
    case .newerVersion(let path, let found, let supported):
      return tr(
        "the database \(path) has schema version \(found), newer than this Saldo supports"
          + " (\(supported)); upgrade Saldo")
    case .foreign(let path):
      return tr(
        "\(path) is a SQLite database of another application, not Saldo's; choose another"
          + " path with --db")
    case .sqlite(let code, let message, let sql):
      let words: String
      switch code & 0xFF {
      case 19:  // SQLITE_CONSTRAINT: no input may cause one; the core checks first.
        words = tr(
          "the database refused a change that would break one of its rules; this is a bug"
            + " in Saldo, please report it (run with SALDO_DEBUG=1 for details)")
      case 10:  // SQLITE_IOERR
        words = tr(
          "the disk reported an input/output error while reading or writing the database;"
            + " check the disk and free space")
      case 7:  // SQLITE_NOMEM
        words = tr("out of memory while using the database; close other programs and try again")
      default:
        words = tr(
          "the database could not do this (error \(code)); try again, and run `saldo check`"
            + " if it persists")
      }
      guard StoreError.debug else { return words }
      let statement = sql.split(separator: "\n").first.map(String.init) ?? sql
      return words + " [\(code): \(Sanitize.line(message, limit: 120)) in:"
        + " \(Sanitize.line(statement, limit: 80))]"
    case .diskFull(let path):
      return tr("the disk holding \(path) is full; free some space and try again")
    }
  }
}
