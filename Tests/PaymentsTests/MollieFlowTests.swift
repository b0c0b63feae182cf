import Foundation
import SaldoCore
import SaldoHTTP
import Testing
import TestSupport

/// The online-payment path against the loopback stand-in for Mollie: the payment is stored
/// first, created at Mollie outside the write transaction, followed by sync, and credited once.
@Suite struct MollieFlowTests {
  @Test func aTopUpIsStoredThenCreatedAtMollieWithItsKeyAndLink() throws {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: fakeTestKey)
    let mollie = try provider(fake, fixture.directory)
    let result = try fixture.saldo().topUps.topUp(
      topUpRequest(fixture, euros: 250), provider: mollie)
    let payment = result.payment
    #expect(payment.provider == "mollie-test")
    #expect(payment.status == .open)
    #expect(payment.checkoutReference == fake.payments.first?.id)
    let link = try #require(try fixture.saldo().payments.checkoutLink(paymentID: payment.id))
    #expect(link.url.hasPrefix("https://www.mollie.com/checkout/"))
    #expect(link.testMode)
    let sent = try #require(fake.payments.first)
    #expect(sent.value == "302.50")  // 250 + 21 % VAT
    #expect(sent.method == "ideal")
    #expect(sent.saldoPaymentID == String(payment.id))
    #expect(sent.description.contains("Acme"))
    #expect(fake.idempotencyKeys == [PaymentService.remoteIdempotencyKey(payment)])
    let body = try #require(fake.lastBody)
    #expect(body.contains(#""amount":{"currency":"EUR","value":"302.50"}"#))
    #expect(try balance(fixture) == .zero)
  }

  @Test func onlyPaidCreditsAndExactlyOnce() throws {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: fakeTestKey)
    let mollie = try provider(fake, fixture.directory)
    let payment = try fixture.saldo().topUps.topUp(
      topUpRequest(fixture, euros: 100), provider: mollie
    )
    .payment
    let id = try #require(payment.checkoutReference)
    for status in ["pending", "authorized"] {
      fake.setStatus(id, status)
      let lines = try fixture.saldo().payments.syncPayments(provider: mollie)
      #expect(lines.map(\.after) == [.pending])
      #expect(try balance(fixture) == .zero)
    }
    fake.setStatus(id, "paid")
    #expect(try fixture.saldo().payments.syncPayments(provider: mollie).map(\.after) == [.paid])
    #expect(try balance(fixture) == Money(mills: 100_000))
    #expect(try fixture.saldo().payments.syncPayments(provider: mollie).isEmpty)
    #expect(try balance(fixture) == Money(mills: 100_000))
    #expect(try fixture.store.payment(id: payment.id)?.invoiceNumber != nil)
  }

  @Test(arguments: [
    ("failed", PaymentStatus.failed), ("canceled", .canceled), ("expired", .expired),
  ])
  func finalStatusesOtherThanPaidCreditNothing(mollie status: String, saldo: PaymentStatus)
    throws
  {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: fakeTestKey)
    let mollie = try provider(fake, fixture.directory)
    let payment = try fixture.saldo().topUps.topUp(
      topUpRequest(fixture, euros: 100), provider: mollie
    )
    .payment
    fake.setStatus(try #require(payment.checkoutReference), status)
    #expect(try fixture.saldo().payments.syncPayments(provider: mollie).map(\.after) == [saldo])
    #expect(try balance(fixture) == .zero)
  }

  @Test func aDroppedConnectionAfterTheCreateIsRecoveredBySyncWithoutASecondPayment() throws {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: fakeTestKey)
    let mollie = try provider(fake, fixture.directory)
    // Every attempt (the first and both retries) is dropped after Mollie made the payment.
    fake.queue(.dropAfterHandling, .dropAfterHandling, .dropAfterHandling)
    #expect(throws: SaldoError.self) {
      try fixture.saldo().topUps.topUp(topUpRequest(fixture, euros: 100), provider: mollie)
    }
    let stored = try #require(try fixture.store.payments(environmentID: nil, limit: 5).first)
    #expect(stored.status == .open)
    #expect(stored.checkoutReference == nil)
    #expect(fake.payments.count == 1)
    let lines = try fixture.saldo().payments.syncPayments(provider: mollie)
    #expect(lines.count == 1 && lines[0].error == nil)
    #expect(fake.payments.count == 1)
    #expect(try fixture.store.payment(id: stored.id)?.checkoutReference == fake.payments[0].id)
    fake.setStatus(fake.payments[0].id, "paid")
    _ = try fixture.saldo().payments.syncPayments(provider: mollie)
    _ = try fixture.saldo().payments.syncPayments(provider: mollie)
    #expect(try balance(fixture) == Money(mills: 100_000))
  }

  @Test func serviceUnavailableIsRetriedAndThenSucceeds() throws {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: fakeTestKey)
    let mollie = try provider(fake, fixture.directory)
    fake.queue(.fail(status: 503), .dropBeforeHandling)
    let payment = try fixture.saldo().topUps.topUp(
      topUpRequest(fixture, euros: 100), provider: mollie
    )
    .payment
    #expect(payment.checkoutReference != nil)
    #expect(fake.payments.count == 1)
    #expect(fake.requests.filter { $0 == "POST /v2/payments" }.count == 3)
  }

  @Test func rateLimitedBeyondTheRetriesLeavesThePaymentOpenForSync() throws {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: fakeTestKey)
    let mollie = try provider(fake, fixture.directory)
    fake.queue(.fail(status: 429), .fail(status: 429), .fail(status: 429))
    #expect {
      try fixture.saldo().topUps.topUp(topUpRequest(fixture, euros: 100), provider: mollie)
    } throws: { error in
      "\(error)".contains("rate limited") && "\(error)".contains("payments sync")
    }
    let stored = try #require(try fixture.store.payments(environmentID: nil, limit: 5).first)
    #expect(stored.status == .open)
    _ = try fixture.saldo().payments.syncPayments(provider: mollie)
    #expect(try fixture.store.payment(id: stored.id)?.checkoutReference != nil)
  }

  @Test func aSlowAnswerWithinTheTimeoutIsWaitedFor() throws {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: fakeTestKey)
    let mollie = try provider(fake, fixture.directory)
    fake.queue(.slow(milliseconds: 1500))
    let payment = try fixture.saldo().topUps.topUp(
      topUpRequest(fixture, euros: 100), provider: mollie
    )
    .payment
    #expect(payment.checkoutReference != nil)
  }

  @Test func aMethodNotActivatedIsOneLineAndCancelsThePayment() throws {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: fakeTestKey)
    fake.deactivate("ideal")
    let mollie = try provider(fake, fixture.directory)
    #expect {
      try fixture.saldo().topUps.topUp(
        topUpRequest(fixture, euros: 100, method: .ideal), provider: mollie)
    } throws: { error in
      guard case SaldoError.forbidden(let message) = error else { return false }
      return message.contains("not activated on the Mollie profile")
        && message.contains("not activated on your account") && !message.contains("\n")
    }
    let stored = try #require(try fixture.store.payments(environmentID: nil, limit: 5).first)
    #expect(stored.status == .canceled)
    #expect(try balance(fixture) == .zero)
  }

  @Test func aMethodMollieRefusedShowsAsUnusableWithTheReasonUntilTheProviderIsSetAgain()
    throws
  {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: fakeTestKey)
    fake.deactivate("ideal")
    let key = keyFile(fixture.directory, fakeTestKey)
    _ = try fixture.saldo().payments.setPaymentProvider(
      PaymentProviderSettings(kind: .mollie, keyFile: key))
    let mollie = try provider(fake, fixture.directory)
    _ = try? fixture.saldo().topUps.topUp(topUpRequest(fixture, euros: 100), provider: mollie)
    let methods = try fixture.saldo().topUps.manualPaymentMethods(of: fixture.environment)
    let ideal = try #require(methods.first { $0.method == .ideal })
    #expect(ideal.availability.reason?.contains("not activated on the Mollie profile") == true)
    #expect(ideal.availability.reason?.contains("not activated on your account") == true)
    // Refused up front now, without a call to Mollie.
    let posts = fake.requests.count
    #expect(throws: SaldoError.self) {
      try fixture.saldo().topUps.topUp(topUpRequest(fixture, euros: 100), provider: mollie)
    }
    #expect(fake.requests.count == posts)
    _ = try fixture.saldo().payments.setPaymentProvider(
      PaymentProviderSettings(kind: .mollie, keyFile: key))
    let again = try fixture.saldo().topUps.manualPaymentMethods(of: fixture.environment)
    #expect(again.first { $0.method == .ideal }?.availability.isAvailable == true)
  }

  @Test func anAmountAboveTheMethodsMaximumIsRefusedInOneLine() throws {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: fakeTestKey)
    let mollie = try provider(fake, fixture.directory)
    #expect {
      try fixture.saldo().topUps.topUp(topUpRequest(fixture, euros: 45_000), provider: mollie)
    } throws: { error in
      "\(error)".contains("refused the amount") && "\(error)".contains("50.000")
    }
    #expect(try balance(fixture) == .zero)
  }

  @Test func aRefusedKeyNeverShowsTheKey() throws {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: "test_SomeOtherKeyAAAAAAAAAAAAAAAAAAAAA")
    let mollie = try provider(fake, fixture.directory)
    #expect {
      try fixture.saldo().topUps.topUp(topUpRequest(fixture, euros: 100), provider: mollie)
    } throws: { error in
      "\(error)".contains("refused the API key") && !"\(error)".contains(fakeTestKey)
        && !"\(error)".contains("dHar4XY7")
    }
    #expect(fake.payments.isEmpty)
  }

  @Test func aPaidAnswerForAnotherAmountIsNotCredited() throws {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: fakeTestKey)
    let mollie = try provider(fake, fixture.directory)
    let payment = try fixture.saldo().topUps.topUp(
      topUpRequest(fixture, euros: 100), provider: mollie
    )
    .payment
    let id = try #require(payment.checkoutReference)
    fake.setAmount(id, "0.01")
    fake.setStatus(id, "paid")
    let lines = try fixture.saldo().payments.syncPayments(provider: mollie)
    #expect(lines.first?.error?.contains("Mollie holds 0.010") == true, "\(lines)")
    #expect(lines.first?.after == .open)
    #expect(try balance(fixture) == .zero)
  }

  @Test func checkFindsAMolliePaymentRecordedTwice() throws {
    let fixture = try Fixture()
    let fake = try FakeMollie(apiKey: fakeTestKey)
    let mollie = try provider(fake, fixture.directory)
    let first = try fixture.saldo().topUps.topUp(
      topUpRequest(fixture, euros: 100), provider: mollie)
    let second = try fixture.saldo().topUps.topUp(
      topUpRequest(fixture, euros: 100), provider: mollie)
    #expect(try fixture.store.read { try fixture.store.verify() }.isEmpty)
    try fixture.store.database.execute(
      "UPDATE payment SET checkout_reference = '\(first.payment.checkoutReference ?? "")'"
        + " WHERE id = \(second.payment.id)")
    let problems = try fixture.store.read { try fixture.store.verify() }
    #expect(problems.contains { $0.contains("is recorded for 2 payments") }, "\(problems)")
  }
}
