/// Where a collection sits in the life of its mandate; banks route and time them differently.
public enum SEPASequenceType: String, Sendable, Hashable, Codable, CaseIterable {
  /// The first collection under a recurring mandate.
  case first = "FRST"
  /// A later collection under a recurring mandate.
  case recurring = "RCUR"
  /// The last collection under a recurring mandate; the mandate ends with it.
  case final = "FNAL"
  /// The only collection under a one-off mandate.
  case oneOff = "OOFF"
}

/// The company that collects: its name, account and the creditor id its bank issued.
public struct SEPACreditor: Sendable, Hashable, Codable {
  /// The name as it will appear in the file, already in the SEPA character set.
  public let name: String
  /// The account the money goes to.
  public let iban: IBAN
  /// The creditor's bank; `nil` writes `NOTPROVIDED`, which SEPA allows for IBAN-only.
  public let bic: BIC?
  public let creditorID: SEPACreditorID

  public init(name: String, iban: IBAN, bic: BIC? = nil, creditorID: SEPACreditorID)
    throws(SEPAError)
  {
    self.name = try SEPAField.name(name, field: tr("creditor name", .en))
    self.iban = iban
    self.bic = bic
    self.creditorID = creditorID
  }
}

/// One direct debit of one debtor under one mandate.
public struct SEPACollection: Sendable, Hashable, Codable {
  /// The id the creditor gives this collection; the bank returns it on a refusal or refund,
  /// so it must be unique and is never altered (unlike names, it is refused, not cleaned).
  public let endToEndID: String
  /// A positive amount in whole cents.
  public let amount: Money
  /// The mandate reference exactly as the debtor signed it.
  public let mandateID: MandateReference
  public let mandateSignedOn: Day
  /// The account holder's name, already in the SEPA character set and at most 70 characters.
  public let debtorName: String
  /// The debtor's account.
  public let debtorIBAN: IBAN
  /// The debtor's bank; `nil` writes `NOTPROVIDED`.
  public let debtorBIC: BIC?
  public let sequenceType: SEPASequenceType
  /// What the debtor sees on the statement (e.g. the invoice number), cleaned and cut to 140
  /// characters; `nil` when nothing is left.
  public let remittanceInformation: String?

  /// The largest amount one SEPA direct debit may carry: EUR 999,999,999.99.
  public static let maximumAmount = Money(mills: 999_999_999_990)

  public init(
    endToEndID: String, amount: Money, mandateID: MandateReference, mandateSignedOn: Day,
    debtorName: String, debtorIBAN: IBAN, debtorBIC: BIC? = nil,
    sequenceType: SEPASequenceType, remittanceInformation: String? = nil
  ) throws(SEPAError) {
    self.endToEndID = try SEPAField.identifier(endToEndID, field: tr("end-to-end id", .en))
    guard amount.mills > 0 else { throw .amountNotPositive(amount) }
    guard amount.isWholeCents else { throw .amountNotWholeCents(amount) }
    guard amount <= Self.maximumAmount else { throw .amountTooLarge(amount) }
    self.amount = amount
    self.mandateID = mandateID
    self.mandateSignedOn = mandateSignedOn
    self.debtorName = try SEPAField.name(debtorName, field: tr("debtor name", .en))
    self.debtorIBAN = debtorIBAN
    self.debtorBIC = debtorBIC
    self.sequenceType = sequenceType
    let remittance = remittanceInformation.map {
      SEPAText.latin($0, limit: SEPAText.remittanceLimit)
    }
    self.remittanceInformation = remittance?.isEmpty == false ? remittance : nil
  }
}

/// Why a direct-debit file or one of its parts was refused; each message says what to fix.
public enum SEPAError: Error, Equatable, CustomStringConvertible {
  case invalidIdentifier(field: String, value: String)
  case nameNotRepresentable(field: String)
  case invalidBIC(field: String, value: String)
  case amountNotPositive(Money)
  case amountNotWholeCents(Money)
  case amountTooLarge(Money)
  case noCollections
  case duplicateEndToEndID(String)
  case mandateSignedAfterCollection(endToEndID: String)
  case totalTooLarge

  public var description: String {
    // Written when shown, in the reader's language; the field names are kept in English.
    switch self {
    case .invalidIdentifier(let field, let value):
      return tr(
        "\(tr(stored: field)) \"\(Sanitize.line(value, limit: 40))\" must be 1 to 35 characters "
          + "from A-Z a-z 0-9 / - ? : ( ) . , ' + without spaces at the ends, a leading or "
          + "trailing / or //; type e.g. SALDO-2026-000123")
    case .nameNotRepresentable(let field):
      return tr(
        "\(tr(stored: field)) has no Latin letters or digits; type the account holder's name "
          + "in Latin letters")
    case .invalidBIC(let field, let value):
      return tr(
        "\(tr(stored: field)) \"\(Sanitize.line(value, limit: 20))\" is not a BIC; type 8 or 11 "
          + "letters and digits, e.g. INGBNL2A, or leave it empty")
    case .amountNotPositive(let amount):
      return tr(
        "a collection of EUR \(amount.exactString) is not possible; enter an amount above zero")
    case .amountNotWholeCents(let amount):
      return tr("EUR \(amount.exactString) is not a whole number of cents; round it to cents first")
    case .amountTooLarge(let amount):
      return tr(
        "EUR \(amount.centsString) is more than one direct debit may carry; "
          + "enter at most 999999999.99")
    case .noCollections:
      return tr(
        "there is nothing to collect; add at least one collection before writing a file")
    case .duplicateEndToEndID(let id):
      return tr("end-to-end id \(id) occurs twice; give every collection its own id")
    case .mandateSignedAfterCollection(let id):
      return tr(
        "collection \(id) is due before its mandate was signed; "
          + "correct the signature date or the collection date")
    case .totalTooLarge:
      return tr("the collections add up to more than can be computed; split them over files")
    }
  }
}

/// Checks and cleaning shared by the SEPA value types.
enum SEPAField {
  /// Identifiers are refused rather than cleaned: a changed mandate id no longer matches the
  /// mandate, and a changed end-to-end id no longer matches our records when a debit returns.
  static func identifier(_ text: String, field: String) throws(SEPAError) -> String {
    let scalars = text.unicodeScalars
    guard !scalars.isEmpty, scalars.count <= SEPAText.identifierLimit,
      scalars.allSatisfy(SEPAText.isAllowed), scalars.first != " ", scalars.last != " ",
      scalars.first != "/", scalars.last != "/", !text.contains("//")
    else { throw .invalidIdentifier(field: field, value: text) }
    return text
  }

  static func name(_ text: String, field: String) throws(SEPAError) -> String {
    let cleaned = SEPAText.latin(text, limit: SEPAText.nameLimit)
    // A name of only punctuation says nothing about who pays; treat it like an empty one.
    guard cleaned.unicodeScalars.contains(where: { $0.properties.isAlphabetic || isDigit($0) })
    else { throw .nameNotRepresentable(field: field) }
    return cleaned
  }

  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
}
