/// The 64-bit hash of an external event id that each consumption entry carries in
/// `ledger_entry.event_hash`.
///
/// Event ids are usually random (UUIDs), so the index that finds an id again is written at
/// random places, and a batch of events dirties a page of it for nearly every event until the
/// batch is larger than the index. Keyed on an 8-byte integer instead of the 32-byte id, the
/// index has less than half the pages, so a batch writes fewer of them and reads fewer back.
/// Equal hashes only make two entries candidates: the ids themselves decide whether an event
/// was charged before, so a collision costs one extra row read and never drops an event.
///
/// The hash is part of the file format: every program writing consumption entries must compute
/// the same value, in every process and on every platform. That rules out Swift's `Hasher`,
/// which is seeded anew in each process.
public struct EventHash: Sendable {
  private let function: @Sendable (UnsafeRawBufferPointer) -> Int64

  /// Another hash, for tests that force collisions; `saldo check` reports every entry a store
  /// with another hash wrote.
  init(_ function: @escaping @Sendable (UnsafeRawBufferPointer) -> Int64) {
    self.function = function
  }

  /// The hash of the file format: FNV-1a (64-bit) of the id's UTF-8 bytes, read as a signed
  /// integer because that is what SQLite stores. FNV-1a needs no key and no tables, so it is
  /// easy to write again in any language that reads the database.
  public static let fnv1a = EventHash { Int64(bitPattern: FNV1a.hash($0)) }

  /// The hash of an id's UTF-8 bytes.
  public func callAsFunction(utf8 bytes: UnsafeRawBufferPointer) -> Int64 { function(bytes) }

  /// The hash of an id.
  public func callAsFunction(_ id: String) -> Int64 {
    var id = id
    return id.withUTF8 { function(UnsafeRawBufferPointer($0)) }
  }
}
