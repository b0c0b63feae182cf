import CSQLite

extension Database {
  /// The SQL name of the event hash in this connection: `saldo_event_hash(text)`.
  static let eventHashFunction = "saldo_event_hash"

  /// Makes `saldo_event_hash(text)` callable from this connection's SQL, so a migration can
  /// fill the hash of entries written before it existed and `saldo check` can compare each
  /// stored hash with its id. SQLite has no such function, and other connections (the `sqlite3`
  /// tool) do not have this one: the schema never refers to it, and it may only be called
  /// from a statement, not from a trigger or view a file could bring along.
  func defineEventHash(_ hash: EventHash) throws(StoreError) {
    let box = Unmanaged.passRetained(EventHashBox(hash)).toOpaque()
    // On failure SQLite calls the destructor itself, so the box is released either way.
    let rc = sqlite3_create_function_v2(
      handle, Self.eventHashFunction, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
      box,
      { context, _, values in
        guard let context, let value = values?[0], let data = sqlite3_user_data(context) else {
          return
        }
        if sqlite3_value_type(value) == SQLITE_NULL {
          sqlite3_result_null(context)
          return
        }
        // Text first, then its length: the documented order that converts only once.
        let text = sqlite3_value_text(value)
        let count = Int(sqlite3_value_bytes(value))
        let hash = Unmanaged<EventHashBox>.fromOpaque(data).takeUnretainedValue().hash
        sqlite3_result_int64(context, hash(utf8: UnsafeRawBufferPointer(start: text, count: count)))
      }, nil, nil,
      { data in
        guard let data else { return }
        Unmanaged<EventHashBox>.fromOpaque(data).release()
      })
    if rc != SQLITE_OK {
      throw error(code: rc, message: lastMessage, sql: "define \(Self.eventHashFunction)")
    }
  }
}

/// Carries the hash through SQLite's user-data pointer; SQLite owns one reference.
private final class EventHashBox {
  let hash: EventHash
  init(_ hash: EventHash) { self.hash = hash }
}
