extension SaldoStore {
  /// The organisation a person or a file names: a reference made only of digits is an id, any
  /// other is a name in its stored (normalised) form. Names made only of digits are refused when
  /// stored, so neither can shadow the other.
  public func organisation(reference: String, environmentID: Int64) throws -> Organisation? {
    if let id = TextRules.organisationID(reference) {
      guard let found = try organisation(id: id), found.environmentID == environmentID else {
        return nil
      }
      return found
    }
    return try organisation(environmentID: environmentID, name: TextRules.lookupForm(reference))
  }

}

extension TextRules {
  /// The organisation id a reference stands for, when it is made only of ASCII digits.
  public static func organisationID(_ reference: String) -> Int64? {
    guard !reference.isEmpty, reference.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
      return nil
    }
    return Int64(reference)
  }
}
