import CSQLite

/// A prepared statement owned by its `Database`'s cache. Bind, step, read columns, and the
/// next `Database.statement(_:)` call with the same SQL resets it for reuse.
public final class Statement {
  let handle: OpaquePointer
  unowned let database: Database
  let sql: String

  init(handle: OpaquePointer, database: Database, sql: String) {
    self.handle = handle
    self.database = database
    self.sql = sql
  }

  func finalize() { sqlite3_finalize(handle) }

  public func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  func resetKeepingBindings() { sqlite3_reset(handle) }

  /// Binds values to `?1`, `?2`, … in order.
  @discardableResult
  public func bind(_ values: SQLValue...) throws(StoreError) -> Statement {
    try bind(values)
  }

  @discardableResult
  public func bind(_ values: [SQLValue]) throws(StoreError) -> Statement {
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let rc: Int32
      switch value {
      case .null: rc = sqlite3_bind_null(handle, index)
      case .int(let v): rc = sqlite3_bind_int64(handle, index, v)
      case .text(let v): rc = Self.bindText(handle, index, v)
      }
      if rc != SQLITE_OK { throw failure(rc) }
    }
    return self
  }

  /// Steps once: true when a row is available, false when done.
  public func step() throws(StoreError) -> Bool {
    let rc = sqlite3_step(handle)
    switch rc {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default:
      let error = failure(rc)
      sqlite3_reset(handle)
      throw error
    }
  }

  /// Binds one integer to `?index`. Statements run once per event bind this way: building an
  /// array of values for every row cost more than SQLite's own work on the bindings.
  func bind(_ index: Int32, int value: Int64) throws(StoreError) {
    let rc = sqlite3_bind_int64(handle, index, value)
    if rc != SQLITE_OK { throw failure(rc) }
  }

  /// Binds text, or NULL for nil, to `?index`.
  func bind(_ index: Int32, text value: String?) throws(StoreError) {
    let rc = value.map { Self.bindText(handle, index, $0) } ?? sqlite3_bind_null(handle, index)
    if rc != SQLITE_OK { throw failure(rc) }
  }

  /// Steps a statement whose parameters are bound and that returns no rows.
  func runBound() throws(StoreError) {
    _ = try step()
    sqlite3_reset(handle)
  }

  /// Text with its length, so SQLite need not measure it again, copied by SQLite at once.
  private static func bindText(_ handle: OpaquePointer, _ index: Int32, _ text: String) -> Int32 {
    var text = text
    return text.withUTF8 { bytes in
      // An empty buffer may have no address, and a NULL pointer would bind NULL, not "".
      guard let base = bytes.baseAddress, !bytes.isEmpty else {
        return sqlite3_bind_text(handle, index, "", 0, saldo_sqlite_transient())
      }
      return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
        sqlite3_bind_text(handle, index, $0, Int32(bytes.count), saldo_sqlite_transient())
      }
    }
  }

  /// Runs a statement that returns no rows.
  public func run(_ values: SQLValue...) throws(StoreError) {
    try bind(values)
    _ = try step()
    sqlite3_reset(handle)
  }

  public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

  public func optionalInt(_ column: Int32) -> Int64? {
    sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
  }

  public func text(_ column: Int32) -> String {
    guard let raw = sqlite3_column_text(handle, column) else { return "" }
    return String(cString: raw)
  }

  public func optionalText(_ column: Int32) -> String? {
    guard let raw = sqlite3_column_text(handle, column) else { return nil }
    return String(cString: raw)
  }

  private func failure(_ rc: Int32) -> StoreError {
    database.error(
      code: sqlite3_extended_errcode(database.handle), message: database.lastMessage,
      sql: sql)
  }
}

/// A value bound to a statement parameter.
public enum SQLValue: Sendable, Hashable {
  case null
  case int(Int64)
  case text(String)

  public static func optional(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
  public static func optional(_ value: Int64?) -> SQLValue { value.map { .int($0) } ?? .null }
}
