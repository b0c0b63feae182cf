import TestSupport

@testable import SaldoCore

extension Fixture {
  /// Takes the database back to the version before `migration` with `undo` (which must take
  /// back that migration and every later one, as their tests need), then opens it again, so
  /// that those migrations run anew on the data the test wrote.
  func reopened(rewoundBefore migration: String, undoing undo: String) throws -> SQLiteStore {
    guard let version = Schema.migrations.firstIndex(of: migration) else {
      throw SaldoError.invalid("not a migration of this schema")
    }
    let db = try Database(path: path, create: false)
    try db.execute(undo + "; PRAGMA user_version=\(version);")
    db.close()
    return try SQLiteStore(path: path)
  }
}
