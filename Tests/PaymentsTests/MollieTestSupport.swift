import Foundation
import SaldoCore
import SaldoHTTP
import TestSupport
import Testing

/// A test key in Mollie's format (test_ and 30 characters).
let fakeTestKey = "test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM"
let liveKey = "live_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM"

/// Writes a key file owned by this account with `mode`.
func keyFile(_ directory: TemporaryDirectory, _ key: String, mode: mode_t = 0o600) -> String {
  let path = directory.file("mollie-\(UUID().uuidString).key")
  if !FileManager.default.createFile(atPath: path, contents: Data((key + "\n").utf8)) {
    Issue.record("could not write the key file \(path)")
  }
  chmod(path, mode)
  return path
}

/// A Mollie provider against the fake, with short retry pauses.
func provider(_ fake: FakeMollie, _ directory: TemporaryDirectory, key: String = fakeTestKey)
  throws -> MollieProvider
{
  try MollieProvider(
    keyFile: keyFile(directory, key), redirectURL: "https://saldo.example/return",
    transport: CurlTransport(), baseURLOverride: fake.baseURL, retryDelays: [10, 20])
}

func topUpRequest(_ fixture: Fixture, euros: Int64, method: PaymentMethod = .ideal)
  -> TopUpRequest
{
  TopUpRequest(
    environment: fixture.environment, amount: Money(mills: euros * 1000), method: method,
    organisation: nil, orderNumber: nil, idempotencyKey: TopUpService.newIdempotencyKey())
}

/// The balance of the fixture's environment.
func balance(_ fixture: Fixture) throws -> Money {
  try fixture.store.balanceNow(fixture.environment.id)
}
