import SaldoCore

/// Amounts as people type them: never a crash; anything accepted is within bounds and survives
/// a round trip through its exact form.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAmount(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let money = try? MoneyFormat.parse(text) {
    precondition(money.mills >= 0 && money <= MoneyFormat.maximumEntered, "out of bounds: \(money)")
    precondition((try? MoneyFormat.parseExact(money.exactString)) == money, "round trip: \(money)")
    _ = MoneyFormat.display(money)
    _ = try? TopUpRules.check(amount: money)
  }
  if let exact = try? MoneyFormat.parseExact(text) {
    precondition((try? MoneyFormat.parseExact(exact.exactString)) == exact, "exact round trip")
  }
  return 0
}
