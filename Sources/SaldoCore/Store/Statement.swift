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
      case .text(let v): rc = sqlite3_bind_text(handle, index, v, -1, saldo_sqlite_transient())
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
    database.error(code: sqlite3_extended_errcode(database.handle), message: database.lastMessage,
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
