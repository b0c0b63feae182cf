import Foundation
import SaldoCore
import SaldoHTTP
import Testing
import TestSupport

/// Where a contract test runs: the loopback stand-in always; Mollie's own test mode when
/// `SALDO_MOLLIE_TEST_KEY_FILE` names a file with a `test_` key (and the network is there).
/// The assertions are the same for both, so the stand-in is held to what Mollie does.
enum ContractTarget: String, CaseIterable, CustomTestStringConvertible {
  case fake = "loopback stand-in"
  case mollieTestMode = "Mollie test mode"

  var testDescription: String { rawValue }

  static var keyFile: String? {
    ProcessInfo.processInfo.environment["SALDO_MOLLIE_TEST_KEY_FILE"].flatMap {
      $0.isEmpty ? nil : $0
    }
  }

  /// The fake, unless `SALDO_MOLLIE_TEST_KEY_FILE` is set: then Mollie's test mode too.
  static var enabled: [ContractTarget] { keyFile == nil ? [.fake] : [.fake, .mollieTestMode] }

  /// A provider for this target; the fake is kept alive by the caller.
  func provider(directory: TemporaryDirectory) throws -> (MollieProvider, FakeMollie?) {
    switch self {
    case .fake:
      let fake = try FakeMollie(apiKey: fakeTestKey)
      return (try PaymentsTests.provider(fake, directory), fake)
    case .mollieTestMode:
      let path = try #require(ContractTarget.keyFile)
      let provider = try MollieProvider(
        keyFile: path, redirectURL: "https://www.mollie.com/", transport: CurlTransport())
      #expect(provider.isTestMode, "SALDO_MOLLIE_TEST_KEY_FILE must hold a test_ key")
      return (provider, nil)
    }
  }
}

@Suite struct MollieContractTests {
  func request(_ key: String = "saldo-contract-" + UUID().uuidString) -> RemoteCheckoutRequest {
    RemoteCheckoutRequest(
      paymentID: 7, method: .ideal, total: Money(mills: 302_500),
      description: "Saldo contract test", idempotencyKey: key)
  }

  @Test(arguments: ContractTarget.enabled)
  func contractCreateAnswersAnOpenPaymentWithAnHTTPSCheckoutOnFakeAndMollieTestMode(
    target: ContractTarget
  ) throws {
    let directory = TemporaryDirectory()
    let (provider, fake) = try target.provider(directory: directory)
    let created = try provider.create(request())
    #expect(created.reference.hasPrefix("tr_"))
    #expect(created.status == .open)
    #expect(created.checkoutURL?.hasPrefix("https://") == true)
    #expect(created.total == Money(mills: 302_500))
    #expect(created.saldoPaymentID == 7)
    _ = fake
  }

  @Test(arguments: ContractTarget.enabled)
  func contractTheSameIdempotencyKeyFindsTheSamePaymentOnFakeAndMollieTestMode(
    target: ContractTarget
  ) throws {
    let directory = TemporaryDirectory()
    let (provider, fake) = try target.provider(directory: directory)
    let once = request()
    let first = try provider.create(once)
    let second = try provider.create(once)
    #expect(first.reference == second.reference)
    let fetched = try provider.fetch(reference: first.reference)
    #expect(fetched.reference == first.reference && fetched.status == .open)
    _ = fake
  }

  @Test(arguments: ContractTarget.enabled)
  func contractAnUnknownPaymentIsA404OnFakeAndMollieTestMode(target: ContractTarget) throws {
    let directory = TemporaryDirectory()
    let (provider, fake) = try target.provider(directory: directory)
    #expect {
      try provider.fetch(reference: "tr_doesnotexist0")
    } throws: { error in
      guard case MollieError.refused(let status, _, _, _) = error else { return false }
      return status == 404
    }
    _ = fake
  }

  @Test(arguments: ContractTarget.enabled)
  func contractAWrongKeyIsRefusedWithoutShowingItOnFakeAndMollieTestMode(
    target: ContractTarget
  ) throws {
    let directory = TemporaryDirectory()
    let wrong = "test_WrongWrongWrongWrongWrongWrongAB"
    let provider: MollieProvider
    var fake: FakeMollie?
    if target == .fake {
      fake = try FakeMollie(apiKey: fakeTestKey)
      provider = try MollieProvider(
        keyFile: keyFile(directory, wrong), redirectURL: "https://www.mollie.com/",
        transport: CurlTransport(), baseURLOverride: fake?.baseURL, retryDelays: [])
    } else {
      provider = try MollieProvider(
        keyFile: keyFile(directory, wrong), redirectURL: "https://www.mollie.com/",
        transport: CurlTransport(), retryDelays: [])
    }
    #expect(throws: MollieError.invalidKey) { try provider.create(request()) }
    #expect(!MollieError.invalidKey.description.contains("Wrong"))
    _ = fake
  }
}
