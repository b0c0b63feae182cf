import CSQLite

/// The sqlite3 C API used directly, with nothing in between: the baseline every figure is
/// compared with, and the fast path the data-set builder writes bulk rows through.
final class RawDatabase {
  let handle: OpaquePointer
  let path: String

  /// Opens `path` in WAL mode with `synchronous=NORMAL`, as Saldo does; `cacheSize` is a
  /// `PRAGMA cache_size` value (negative: kilobytes).
  init(path: String, foreignKeys: Bool = false, create: Bool = false, cacheSize: Int64? = nil)
    throws(BenchError)
  {
    self.path = path
    var db: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0)
    let rc = sqlite3_open_v2(path, &db, flags, nil)
    guard let opened = db else { throw BenchError("cannot open \(path): out of memory") }
    guard rc == SQLITE_OK else {
      let message = String(cString: sqlite3_errmsg(opened))
      sqlite3_close_v2(opened)
      throw BenchError("cannot open \(path): \(message)")
    }
    handle = opened
    sqlite3_busy_timeout(handle, 10_000)
    do throws(BenchError) {
      if try scalarText("PRAGMA journal_mode=WAL") != "wal" {
        throw BenchError("\(path): cannot switch to WAL")
      }
      try execute("PRAGMA synchronous=NORMAL")
      if foreignKeys { try execute("PRAGMA foreign_keys=ON") }
      if let cacheSize { try execute("PRAGMA cache_size=\(cacheSize)") }
    } catch {
      sqlite3_close_v2(handle)
      throw error
    }
  }

  func close() { sqlite3_close_v2(handle) }

  func execute(_ sql: String) throws(BenchError) {
    var message: UnsafeMutablePointer<CChar>?
    if sqlite3_exec(handle, sql, nil, nil, &message) != SQLITE_OK {
      let text = message.map { String(cString: $0) } ?? "unknown error"
      sqlite3_free(message)
      throw BenchError("\(sql.prefix(60)): \(text)")
    }
  }

  func prepare(_ sql: String) throws(BenchError) -> RawStatement {
    var raw: OpaquePointer?
    guard
      sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        == SQLITE_OK, let statement = raw
    else { throw BenchError("\(sql.prefix(60)): \(String(cString: sqlite3_errmsg(handle)))") }
    return RawStatement(statement, database: self)
  }

  func scalarInt(_ sql: String) throws(BenchError) -> Int64? {
    let statement = try prepare(sql)
    defer { statement.finalize() }
    return try statement.step() ? statement.int(0) : nil
  }

  func scalarText(_ sql: String) throws(BenchError) -> String? {
    let statement = try prepare(sql)
    defer { statement.finalize() }
    return try statement.step() ? statement.text(0) : nil
  }

  var changes: Int32 { sqlite3_changes(handle) }
  var message: String { String(cString: sqlite3_errmsg(handle)) }
}

/// One prepared statement: bind, step, read, reset. No cache, no wrapping types.
final class RawStatement {
  let handle: OpaquePointer
  unowned let database: RawDatabase

  init(_ handle: OpaquePointer, database: RawDatabase) {
    self.handle = handle
    self.database = database
  }

  func finalize() { sqlite3_finalize(handle) }

  func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

  func bind(_ index: Int32, _ value: String) {
    sqlite3_bind_text(handle, index, value, -1, saldo_sqlite_transient())
  }

  /// Binds `count` bytes of UTF-8 text from a buffer SQLite copies.
  func bind(_ index: Int32, utf8 bytes: UnsafePointer<UInt8>, count: Int) {
    bytes.withMemoryRebound(to: CChar.self, capacity: count) {
      _ = sqlite3_bind_text(handle, index, $0, Int32(count), saldo_sqlite_transient())
    }
  }

  func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

  /// Steps once: true while a row is available.
  @discardableResult
  func step() throws(BenchError) -> Bool {
    switch sqlite3_step(handle) {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default:
      let message = database.message
      sqlite3_reset(handle)
      throw BenchError(message)
    }
  }

  /// Steps a statement without rows to completion and resets it for the next use.
  func run() throws(BenchError) {
    try step()
    sqlite3_reset(handle)
  }

  func reset() { sqlite3_reset(handle) }

  func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
  func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

  func text(_ column: Int32) -> String {
    guard let raw = sqlite3_column_text(handle, column) else { return "" }
    return String(cString: raw)
  }
}

/// A failure of the benchmark itself (not a measured outcome), with a message to act on.
struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
