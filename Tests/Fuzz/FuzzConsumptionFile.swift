import SaldoCore

/// Consumption files (CSV or JSON lines), line by line as `saldo consume --file` reads them:
/// bad lines are rejected with their number, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConsumptionFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  var reader = ConsumptionFileReader()
  var lineNumber = 0
  for line in bytes.split(separator: 10, omittingEmptySubsequences: false) {
    lineNumber += 1
    do {
      if let event = try reader.parse(line: line) {
        precondition(event.externalID.map { !$0.isEmpty } ?? false, "an event without an id")
        precondition(Sanitize.validName(event.organisation, limit: 200), "unsafe organisation")
      }
    } catch {
      precondition(error.line == lineNumber, "wrong line number \(error.line) for \(lineNumber)")
    }
  }
  return 0
}
