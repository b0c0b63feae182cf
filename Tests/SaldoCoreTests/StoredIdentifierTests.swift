import Testing
import TestSupport

@testable import SaldoCore

/// KvK numbers and VAT ids travel as their types; `saldo check` catches stored ones that an
/// earlier release or a hand edit left unchecked.
@Suite struct StoredIdentifierTests {
  @Test func checkReportsAStoredKvKOrVATThatDoesNotParse() throws {
    let fixture = try Fixture()
    #expect(try fixture.saldo().platform.verify().isEmpty)
    let id = try fixture.organisation().id
    try fixture.store.database.execute(
      "UPDATE organisation SET kvk = '1234', vat = 'NL004495446B01' WHERE id = \(id)")
    let problems = try fixture.saldo().platform.verify()
    #expect(problems.count == 2)
    #expect(problems.contains { $0.contains("KvK number \"1234\"") && $0.contains("--kvk NUMBER") })
    #expect(
      problems.contains { $0.contains("VAT id \"NL004495446B01\"") && $0.contains("--vat ID") })
  }

  @Test func anOrganisationsIdentifiersComeBackAsTheyWereChecked() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    let changed = try saldo.directory.updateOrganisation(
      try fixture.organisation(), OrganisationChanges(kvk: "8765 4321", vat: "nl 0044.95445 b01"))
    #expect(changed.details.kvk?.value == "87654321")
    #expect(changed.details.vat?.value == "NL004495445B01")
    let reread = try fixture.organisation()
    #expect(reread.details.kvk == changed.details.kvk)
    #expect(reread.details.vat == changed.details.vat)
  }
}
