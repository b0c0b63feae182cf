import SaldoCore

/// IBAN, KvK, VAT, Peppol, country and creditor ids: never a crash; what is accepted is
/// accepted again in its normal form.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIdentifiers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let iban = try? IBAN.parse(text) {
    precondition((try? IBAN.parse(iban.formatted)) == iban, "IBAN round trip")
    _ = iban.masked
  }
  if let kvk = try? KvKNumber.parse(text) { precondition(kvk.value.count == 8) }
  if let vat = try? DutchVATID.parse(text) {
    precondition((try? DutchVATID.parse(vat.value)) == vat)
  }
  if let vat = try? VATID.parse(text) {
    precondition((try? VATID.parse(vat.value)) == vat, "VAT round trip")
  }
  if let peppol = try? PeppolParticipantID.parse(text) {
    precondition(
      (try? PeppolParticipantID.parse(peppol.description)) == peppol, "Peppol round trip")
  }
  _ = try? CountryCode.parse(text)
  if let creditor = try? SEPACreditorID(text) {
    precondition((try? SEPACreditorID(creditor.value)) == creditor)
  }
  _ = try? SaldoConfig.parse(
    bytes: Array(UnsafeBufferPointer(start: data, count: size)), path: "config")
  return 0
}
