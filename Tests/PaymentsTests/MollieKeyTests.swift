import Foundation
import SaldoCore
import SaldoHTTP
import Testing
import TestSupport

@Suite struct MollieKeyTests {
  @Test func testAndLiveKeysAreTheirModesAndNothingElseIsAKey() throws {
    #expect(try MollieAPIKey(fileText: fakeTestKey + "\n").mode == .test)
    #expect(try MollieAPIKey(fileText: liveKey).mode == .live)
    #expect(throws: MollieAPIKey.Problem.unknownPrefix) {
      try MollieAPIKey(fileText: "access_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM")
    }
    #expect(throws: MollieAPIKey.Problem.empty) { try MollieAPIKey(fileText: " \n") }
    #expect(throws: MollieAPIKey.Problem.tooShort) { try MollieAPIKey(fileText: "test_abc") }
    #expect(throws: MollieAPIKey.Problem.badCharacters) {
      try MollieAPIKey(fileText: "test_dHar4XY7Lxs DOtmnkVtjNVWXLSlXsM")
    }
  }

  @Test func theKeyNeverAppearsInItsDescription() throws {
    let key = try MollieAPIKey(fileText: fakeTestKey)
    #expect(!"\(key)".contains("dHar4XY7"))
    #expect(!String(reflecting: key).contains("dHar4XY7"))
    #expect("\(key)" == "test_…lXsM")
  }

  @Test func aKeyFileReadableByOthersIsRefusedAsSshWould() throws {
    let directory = TemporaryDirectory()
    for mode: mode_t in [0o644, 0o640, 0o604, 0o660] {
      let path = keyFile(directory, fakeTestKey, mode: mode)
      #expect {
        try MollieKeyFile.read(path: path)
      } throws: { error in
        "\(error)".contains("readable by others") && "\(error)".contains("chmod 600")
          && !"\(error)".contains("dHar4XY7")
      }
    }
    #expect(
      try MollieKeyFile.read(path: keyFile(directory, fakeTestKey, mode: 0o400)).mode == .test)
  }

  @Test func aSymlinkInPlaceOfTheKeyFileIsRefused() throws {
    let directory = TemporaryDirectory()
    let real = keyFile(directory, fakeTestKey)
    let link = directory.file("link.key")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
    #expect(throws: MollieKeyFile.Problem.self) { try MollieKeyFile.read(path: link) }
  }

  @Test func theBaseURLOverrideNeedsATestKey() throws {
    let directory = TemporaryDirectory()
    #expect {
      try MollieProvider(
        keyFile: keyFile(directory, liveKey), redirectURL: "https://saldo.example/return",
        transport: CurlTransport(), baseURLOverride: "http://127.0.0.1:9")
    } throws: { error in "\(error)".contains("SALDO_MOLLIE_BASE_URL") }
    let live = try MollieProvider(
      keyFile: keyFile(directory, liveKey), redirectURL: "https://saldo.example/return",
      transport: CurlTransport())
    #expect(live.name == "mollie" && !live.isTestMode)
  }

  @Test func errorBodiesBecomeOneClearLine() {
    func line(_ status: Int, _ body: String) -> String {
      MollieError.from(httpStatus: status, body: Array(body.utf8)).description
    }
    #expect(
      line(401, #"{"status":401,"title":"Unauthorized Request","detail":"x"}"#)
        .contains("refused the API key"))
    #expect(line(429, "").contains("rate limited"))
    #expect(line(503, "<html>down</html>").contains("unavailable (HTTP 503)"))
    #expect(
      line(
        422,
        #"{"status":422,"title":"Unprocessable Entity","detail":"Bad\nline","field":"redirectUrl"}"#
      )
        == "Mollie refused the request (422 Unprocessable Entity, field redirectUrl): Bad line")
    #expect(
      !line(422, #"{"status":422,"title":"T","detail":"\u001b[31mred","field":"x"}"#)
        .contains("\u{1B}"))
  }

  @Test func mollieStatusesMapOntoSaldosPaymentLife() {
    let map = Dictionary(
      uniqueKeysWithValues: MollieAPI.Status.allCases.map { ($0.rawValue, $0.saldoStatus) })
    #expect(
      map == [
        "open": .open, "pending": .pending, "authorized": .pending, "paid": .paid,
        "failed": .failed, "canceled": .canceled, "expired": .expired,
      ])
  }

  @Test func amountsAreSentWithExactlyTwoDecimals() {
    #expect(MollieAPI.amountValue(Money(mills: 302_500)) == "302.50")
    #expect(MollieAPI.amountValue(Money(mills: 10)) == "0.01")
    #expect(MollieAPI.amountValue(Money(mills: 1_000_000)) == "1000.00")
    #expect(MollieAPI.amountValue(Money(mills: 302_505)) == nil)
  }

  @Test func answersWithControlCharactersOrOddIdsAreRefused() {
    func parse(_ body: String) -> Bool {
      (try? MollieAPI.PaymentResource.parse(Array(body.utf8))) != nil
    }
    #expect(
      parse(
        #"{"id":"tr_abc","status":"open","_links":{"checkout":{"href":"https://x.example/a"}}}"#))
    #expect(
      !parse(
        #"{"id":"tr_abc","status":"open","_links":{"checkout":{"href":"https://x.example/\u001b]52;c;aGk=\u0007"}}}"#
      ))
    #expect(
      !parse(
        #"{"id":"tr_abc","status":"open","_links":{"checkout":{"href":"http://x.example/a"}}}"#))
    #expect(!parse(#"{"id":"tr_../../x","status":"open"}"#))
    #expect(!parse(#"{"id":"tr_abc","status":"refunded"}"#))
    #expect(!parse(#"{"id":"tr_abc","status":"paid","amount":{"currency":"USD","value":"1.00"}}"#))
    #expect(!parse(String(repeating: "[", count: 100_000)))
    #expect(MollieAPI.money("302.50") == Money(mills: 302_500))
    #expect(MollieAPI.money("302.5") == nil && MollieAPI.money("-1.00") == nil)
  }
}
