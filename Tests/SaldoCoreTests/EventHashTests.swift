import Testing
import TestSupport

@testable import SaldoCore

@Suite struct EventHashTests {
  @Test func theHashIsFNV1aOfTheUTF8Bytes() {
    // The published FNV-1a 64 test vectors: the hash is part of the file format.
    #expect(EventHash.fnv1a("") == Int64(bitPattern: 0xCBF2_9CE4_8422_2325))
    #expect(EventHash.fnv1a("a") == Int64(bitPattern: 0xAF63_DC4C_8601_EC8C))
    #expect(EventHash.fnv1a("foobar") == Int64(bitPattern: 0x8594_4171_F739_67E8))
    let id = "0f8fad5bd9cb469fa16570867728950e"
    #expect(EventHash.fnv1a(id) != EventHash.fnv1a(String(id.reversed())))
  }

  @Test func sqlHashesAsSwiftDoes() throws {
    let fixture = try Fixture()
    for id in ["", "a", "evt-123", "Café Zürich 🧾", "0f8fad5bd9cb469fa16570867728950e"] {
      let statement = try fixture.store.database.statement("SELECT saldo_event_hash(?1)")
      try statement.bind(.text(id))
      #expect(try statement.step())
      #expect(statement.int(0) == EventHash.fnv1a(id), "\(id)")
      statement.reset()
    }
    #expect(
      try fixture.store.database.scalarInt("SELECT saldo_event_hash(NULL) IS NULL") == 1)
  }
}
