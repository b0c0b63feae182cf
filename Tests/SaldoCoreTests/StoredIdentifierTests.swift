import Testing
import TestSupport

@testable import SaldoCore

/// KvK numbers, VAT ids, IBANs, BICs, mandate references and creditor ids travel as their
/// types; `saldo check` catches stored ones that an earlier release or a hand edit left
/// unchecked.
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

  @Test func checkReportsAStoredPeppolIDThatDoesNotParse() throws {
    let fixture = try Fixture()
    let id = try fixture.organisation().id
    try fixture.store.database.execute(
      "UPDATE organisation SET peppol_scheme = '0106', peppol_id = '123' WHERE id = \(id)")
    let problems = try fixture.saldo().platform.verify()
    #expect(problems.count == 1)
    #expect(
      problems.contains { $0.contains("Peppol ID \"0106:123\"") && $0.contains("--peppol") })
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

  @Test func checkReportsAStoredMandateBICOrCreditorIDThatDoesNotParse() throws {
    let fixture = try Fixture()
    try fixture.saldo().autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .fixed(Money(mills: 500_000)), holder: "Acme B.V.", iban: "NL91ABNA0417164300",
        mandateID: "ACME-001", mandateDate: Day(containing: Fixture.now).adding(days: -30),
        organisation: try fixture.organisation(), orderNumber: nil, monthlyCap: nil,
        bic: "abnanl2a"),
      for: fixture.environment)
    let saved = try #require(try fixture.saldo().autoUpgrade.settings(of: fixture.environment))
    #expect(saved.bic?.value == "ABNANL2A")
    #expect(saved.mandateID.value == "ACME-001")
    #expect(try fixture.saldo().platform.verify().isEmpty)

    try fixture.store.database.execute(
      "UPDATE auto_upgrade SET mandate_id = 'A//B', debtor_bic = 'ABN'")
    try fixture.store.database.execute(
      "UPDATE setting SET value = 'NL00ZZZ1' WHERE key = 'seller.creditor_id'")
    let problems = try fixture.saldo().platform.verify()
    #expect(problems.count == 3)
    #expect(problems.contains { $0.contains("mandate reference \"A//B\"") })
    #expect(problems.contains { $0.contains("BIC \"ABN\"") })
    #expect(problems.contains { $0.contains("creditor id \"NL00ZZZ1\"") })
  }

  @Test func theSellersIdentifiersAreCheckedWhenTyped() throws {
    let details = SellerProfile.demo.details
    #expect(throws: SaldoError.self) {
      try SellerProfile.parse(
        name: "P", details: details, iban: "NL00ABNA0417164300", bic: nil, creditorID: nil,
        email: nil)
    }
    #expect(throws: SaldoError.self) {
      try SellerProfile.parse(
        name: "P", details: details, iban: "NL91ABNA0417164300", bic: "ABNANL1A",
        creditorID: nil, email: nil)
    }
    let seller = try SellerProfile.parse(
      name: "P", details: details, iban: "nl91 abna 0417 1643 00", bic: " abna nl 2a ",
      creditorID: "nl69 zzz 1234 5678 0000", email: nil)
    #expect(seller.iban.value == "NL91ABNA0417164300")
    #expect(seller.bic?.value == "ABNANL2A")
    #expect(seller.creditorID?.value == "NL69ZZZ123456780000")
  }
}
