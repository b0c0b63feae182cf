import CSQLite

#if canImport(Glibc)
  import Glibc
#endif

/// One connection to a SQLite file: owns the handle, caches prepared statements, and runs
/// transactions. Not thread-safe by design: each process (or thread) opens its own.
public final class Database {
  public let path: String
  let handle: OpaquePointer
  private var cache: [String: Statement] = [:]
  /// The same statements by where their SQL text is stored. A literal keeps its address for
  /// the life of the process, so most lookups hash a pointer instead of hundreds of bytes of
  /// SQL; the text is still compared, for a freed string whose address now holds another.
  private var byAddress: [Int: Statement] = [:]
  /// The few most recently used statements, newest first.
  private var recent: [Statement] = []
  private var transactionDepth = 0
  /// Whether the outermost transaction is a write (`BEGIN IMMEDIATE`), so work that may add a
  /// small write of its own (the language a person last used) never turns a read into one.
  public private(set) var isWriting = false
  /// Kept as long as the handle: SQLite calls it while another process holds the lock.
  private var busyWait: BusyWait?

  /// Process-wide SQLite settings, applied once before the first connection opens: memory
  /// statistics off, which took a global mutex on each of SQLite's allocations (about 3% of
  /// the instructions of a consumption import); and statement journals kept in memory. At
  /// SQLite's 64 KiB the first automatic upgrade of an import batch (a savepoint touching a
  /// dozen tables) made the journal a temporary file, and from then on each event's
  /// statements wrote their pages to it: 52 MB of writes for 10,000 events into a store of
  /// 4.5 MB. The journal holds only pages the transaction had changed before the statement
  /// (or savepoint, here one automatic upgrade) that it changes again, and is emptied when the
  /// statement ends or the savepoint is released. No limit (-1): with any other, SQLite
  /// allocates the journal in chunks of that size.
  private static let configured: Bool = {
    let statistics = saldo_sqlite_skip_memory_statistics()
    let journals = saldo_sqlite_statement_journal_spill(-1)
    return statistics == SQLITE_OK && journals == SQLITE_OK
  }()

  /// Opens (and with `create`, creates with mode 0600) the database at `path`. With
  /// `lockWait`, every pause for another process's lock is told to it.
  public init(
    path: String, create: Bool, busyTimeoutMs: Int32 = 10_000, lockWait: LockWaitSignal? = nil
  ) throws(StoreError) {
    self.path = path
    if !create && access(path, F_OK) != 0 { throw .missing(path: path) }
    if create { try Database.createPrivateFile(at: path) }
    _ = Database.configured
    var db: OpaquePointer?
    // A WAL database needs its -shm file; in a folder nobody may write to, it cannot be made,
    // and nobody can write the database either. It is then opened read-only as immutable,
    // so it can still be read (a backup on read-only media, a shared folder).
    let frozen = !create && Database.inReadOnlyFolder(path)
    let flags =
      frozen
      ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0)
    let rc = sqlite3_open_v2(frozen ? Database.immutableURI(path) : path, &db, flags, nil)
    guard let opened = db else { throw .cannotOpen(path: path, reason: "out of memory") }
    guard rc == SQLITE_OK else {
      let message = String(cString: sqlite3_errmsg(opened))
      let code = sqlite3_extended_errcode(opened)
      sqlite3_close_v2(opened)
      throw Database.classify(code: code, message: message, sql: "open", path: path)
    }
    handle = opened
    sqlite3_extended_result_codes(handle, 1)
    if let lockWait {
      let wait = BusyWait(timeoutMs: busyTimeoutMs, signal: lockWait)
      wait.install(on: handle)
      busyWait = wait
    } else {
      sqlite3_busy_timeout(handle, busyTimeoutMs)
    }
    do throws(StoreError) {
      // Reading the schema first turns "file is not a database" into a clear error here.
      try execute("PRAGMA foreign_keys=ON")
      let mode = try scalarText(frozen ? "PRAGMA journal_mode" : "PRAGMA journal_mode=WAL")
      if !frozen, mode?.lowercased() != "wal" {
        throw StoreError.cannotOpen(path: path, reason: "cannot switch to WAL journal mode")
      }
      try execute("PRAGMA synchronous=NORMAL")
      // The default 2 MB page cache makes a large consumption batch re-read index pages it
      // just wrote; 32 MB keeps them. Pages are only allocated as they are used.
      try execute("PRAGMA cache_size=-32768")
      // An import's batch dirties thousands of pages (about 9,000 for 10,000 events); at the
      // default of 1,000 pages every commit ran a checkpoint and each page was written twice.
      // Once the ledger outgrows the cache a batch dirties tens of thousands of index pages,
      // and each checkpoint writes all of them: 65,536 pages (256 MB of WAL, removed when the
      // last connection closes) lets several batches share one, and 200,000 events onto a
      // 10M-event ledger import 24% faster than at 16,384 pages (131,072 gained 9% more).
      try execute("PRAGMA wal_autocheckpoint=65536")
    } catch {
      close()
      throw error
    }
  }

  deinit { close() }

  private var closed = false

  /// Finalizes cached statements and closes the handle; safe to call twice.
  public func close() {
    guard !closed else { return }
    closed = true
    for statement in cache.values { statement.finalize() }
    cache.removeAll()
    byAddress.removeAll()
    recent.removeAll()
    sqlite3_close_v2(handle)
  }

  /// Runs one or more statements without results (schema, pragmas).
  public func execute(_ sql: String) throws(StoreError) {
    var errorMessage: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
    if rc != SQLITE_OK {
      let message = errorMessage.map { String(cString: $0) } ?? "unknown error"
      sqlite3_free(errorMessage)
      throw error(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
    }
  }

  /// A cached prepared statement, reset and with bindings cleared. With `bindingEvery`, the
  /// caller promises to bind every parameter again, and the bindings are not cleared: on the
  /// per-event insert, clearing eight bindings cost more than the lookup.
  public func statement(_ sql: String, bindingEvery: Bool = false) throws(StoreError)
    -> Statement
  {
    // Hot paths cycle through a few statements; comparing with the recent ones (a pointer
    // check for the same string) avoids hashing long SQL text on every call.
    for statement in recent where statement.sql == sql {
      if bindingEvery { statement.resetKeepingBindings() } else { statement.reset() }
      return statement
    }
    let address = sql.utf8.withContiguousStorageIfAvailable { Int(bitPattern: $0.baseAddress) }
    if let address, let cached = byAddress[address], cached.sql == sql {
      remember(cached)
      cached.reset()
      return cached
    }
    if let cached = cache[sql] {
      note(cached, at: address)
      remember(cached)
      cached.reset()
      return cached
    }
    var raw: OpaquePointer?
    let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
    guard rc == SQLITE_OK, let prepared = raw else {
      throw error(code: sqlite3_extended_errcode(handle), message: lastMessage, sql: sql)
    }
    let statement = Statement(handle: prepared, database: self, sql: sql)
    cache[sql] = statement
    note(statement, at: address)
    remember(statement)
    return statement
  }

  private func note(_ statement: Statement, at address: Int?) {
    guard let address else { return }
    // SQL built at run time lands at a new address each time: the map is kept small.
    if byAddress.count >= 256 { byAddress.removeAll(keepingCapacity: true) }
    byAddress[address] = statement
  }

  private func remember(_ statement: Statement) {
    recent.insert(statement, at: 0)
    if recent.count > 4 { recent.removeLast() }
  }

  /// Runs `body` in a `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so a
  /// read-check-write decision inside cannot be overtaken by another process. Rolled back when
  /// `body` throws. Nested calls join the outer transaction.
  public func write<T>(_ body: () throws -> T) throws -> T {
    try transaction("BEGIN IMMEDIATE", body)
  }

  /// Runs `body` in a read transaction, so several queries see one consistent snapshot.
  public func read<T>(_ body: () throws -> T) throws -> T {
    try transaction("BEGIN DEFERRED", body)
  }

  /// Runs `body` inside the current write transaction so that, when it throws, only its own
  /// changes are undone and the transaction goes on (a SQLite savepoint).
  public func savepoint<T>(_ body: () throws -> T) throws -> T {
    guard transactionDepth > 0 else { return try write(body) }
    try execute("SAVEPOINT contained")
    do {
      let result = try body()
      try execute("RELEASE contained")
      return result
    } catch {
      try? execute("ROLLBACK TO contained")
      try? execute("RELEASE contained")
      throw error
    }
  }

  private func transaction<T>(_ begin: String, _ body: () throws -> T) throws -> T {
    if transactionDepth > 0 {
      transactionDepth += 1
      defer { transactionDepth -= 1 }
      return try body()
    }
    try execute(begin)
    transactionDepth = 1
    isWriting = begin == "BEGIN IMMEDIATE"
    defer { isWriting = false }
    do {
      let result = try body()
      transactionDepth = 0
      do {
        try execute("COMMIT")
      } catch {
        try? execute("ROLLBACK")
        throw error
      }
      return result
    } catch {
      transactionDepth = 0
      if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
      throw error
    }
  }

  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
  public var changes: Int { Int(sqlite3_changes(handle)) }

  public func scalarInt(_ sql: String) throws(StoreError) -> Int64? {
    let statement = try self.statement(sql)
    defer { statement.reset() }
    return try statement.step() ? statement.int(0) : nil
  }

  func scalarText(_ sql: String) throws(StoreError) -> String? {
    let statement = try self.statement(sql)
    defer { statement.reset() }
    return try statement.step() ? statement.text(0) : nil
  }

  var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

  func error(code: Int32, message: String, sql: String) -> StoreError {
    Database.classify(code: code, message: message, sql: sql, path: path)
  }

  static func classify(code: Int32, message: String, sql: String, path: String) -> StoreError {
    switch code & 0xFF {
    case SQLITE_BUSY, SQLITE_LOCKED: return .busy(path: path)
    case SQLITE_READONLY: return .readOnly(path: path)
    case SQLITE_CORRUPT, SQLITE_NOTADB: return .corrupt(path: path, detail: message)
    case SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: message)
    case SQLITE_FULL: return .diskFull(path: path)
    case SQLITE_PERM, SQLITE_AUTH: return .readOnly(path: path)
    default: return .sqlite(code: code, message: message, sql: sql)
    }
  }

  /// Whether the database's folder cannot be written (and its -shm file does not exist).
  static func inReadOnlyFolder(_ path: String) -> Bool {
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    return access(folder.isEmpty ? "/" : folder, W_OK) != 0 && access(path + "-shm", F_OK) != 0
      && access(path + "-wal", F_OK) != 0
  }

  /// One setting of the database at `path`, read without changing the file: no migration, no
  /// switch to WAL, nothing created. nil when it is not there or the file is not a Saldo
  /// database (for questions asked of a file before Saldo may touch it).
  static func peekSetting(_ key: String, at path: String) -> String? {
    var db: OpaquePointer?
    guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let handle = db
    else {
      sqlite3_close_v2(db)
      return nil
    }
    defer { sqlite3_close_v2(handle) }
    var raw: OpaquePointer?
    guard
      sqlite3_prepare_v2(handle, "SELECT value FROM setting WHERE key = ?1", -1, &raw, nil)
        == SQLITE_OK, let statement = raw
    else { return nil }
    defer { sqlite3_finalize(statement) }
    sqlite3_bind_text(statement, 1, key, -1, saldo_sqlite_transient())
    guard sqlite3_step(statement) == SQLITE_ROW, let text = sqlite3_column_text(statement, 0)
    else { return nil }
    return String(cString: text)
  }

  /// `file:` URI of a path with the immutable flag, escaping what a URI would misread.
  static func immutableURI(_ path: String) -> String {
    var escaped = ""
    for scalar in path.unicodeScalars {
      switch scalar {
      case "%": escaped += "%25"
      case "?": escaped += "%3F"
      case "#": escaped += "%23"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return "file:" + escaped + "?immutable=1"
  }

  /// Creates the file (and its folder) readable by its owner only: a ledger of what an
  /// environment spends is nobody else's business. An existing file is left as it is.
  private static func createPrivateFile(at path: String) throws(StoreError) {
    if access(path, F_OK) == 0 { return }
    var folder = path
    if let slash = folder.lastIndex(of: "/") {
      folder = String(folder[..<slash])
      if !folder.isEmpty { try makeFolders(folder) }
    }
    let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    if fd < 0 {
      if errno == EEXIST { return }
      throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    Glibc.close(fd)
  }

  private static func makeFolders(_ folder: String) throws(StoreError) {
    var current = folder.hasPrefix("/") ? "" : "."
    for part in folder.split(separator: "/") {
      current += "/" + part
      if mkdir(current, 0o700) != 0 && errno != EEXIST {
        throw .cannotOpen(path: folder, reason: String(cString: strerror(errno)))
      }
    }
  }
}
