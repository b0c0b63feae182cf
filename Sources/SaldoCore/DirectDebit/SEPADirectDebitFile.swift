/// A SEPA Core direct-debit initiation file (ISO 20022 `pain.008.001.02`), as uploaded to the
/// creditor's bank to collect automatic upgrades.
///
/// Everything that can be wrong is checked when the value is made, so writing the XML cannot
/// fail: an empty batch, a duplicate end-to-end id, a collection dated before its mandate or a
/// total that overflows are refused here rather than by the bank a day later.
public struct SEPADirectDebitFile: Sendable, Hashable {
  /// Collections that share a sequence type, written as one payment information block.
  public struct PaymentGroup: Sendable, Hashable {
    public let sequenceType: SEPASequenceType
    /// Unique within the file: the message id plus the sequence type.
    public let paymentInformationID: String
    public let collections: [SEPACollection]
    /// The sum of the group's amounts.
    public let controlSum: Money
  }

  /// Unique per file for this creditor; banks refuse a second file with the same id.
  public let messageID: String
  public let createdAt: Instant
  /// The day the debtors' accounts are debited.
  public let collectionDate: Day
  public let creditor: SEPACreditor
  /// One group per sequence type present, in the order FRST, RCUR, FNAL, OOFF; within a group
  /// collections keep the order they were given in.
  public let groups: [PaymentGroup]
  /// The sum of every amount in the file.
  public let controlSum: Money

  /// The number of collections in the file.
  public var numberOfTransactions: Int { groups.reduce(0) { $0 + $1.collections.count } }

  public init(
    messageID: String, createdAt: Instant, collectionDate: Day, creditor: SEPACreditor,
    collections: [SEPACollection]
  ) throws(SEPAError) {
    self.messageID = try SEPAField.identifier(messageID, field: tr("message id", .en))
    guard !collections.isEmpty else { throw .noCollections }
    var seen = Set<String>()
    for collection in collections {
      guard seen.insert(collection.endToEndID).inserted else {
        throw .duplicateEndToEndID(collection.endToEndID)
      }
      guard collection.mandateSignedOn <= collectionDate else {
        throw .mandateSignedAfterCollection(endToEndID: collection.endToEndID)
      }
    }
    var groups: [PaymentGroup] = []
    var total = Money.zero
    for type in SEPASequenceType.allCases {
      let members = collections.filter { $0.sequenceType == type }
      guard !members.isEmpty else { continue }
      var sum = Money.zero
      do {
        for member in members { sum = try sum.adding(member.amount) }
        total = try total.adding(sum)
      } catch {
        throw .totalTooLarge
      }
      groups.append(
        PaymentGroup(
          sequenceType: type,
          paymentInformationID: Self.paymentInformationID(self.messageID, type),
          collections: members, controlSum: sum))
    }
    self.createdAt = createdAt
    self.collectionDate = collectionDate
    self.creditor = creditor
    self.groups = groups
    self.controlSum = total
  }

  /// The namespace of the schema version Dutch and other SEPA banks accept for SDD Core.
  public static let namespace = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"

  /// The file as UTF-8 XML text (only ASCII in practice), indented, ending in a newline.
  public func xml() -> String {
    var w = XMLLines()
    w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    w.open("Document", attributes: [("xmlns", Self.namespace)])
    w.open("CstmrDrctDbtInitn")
    w.open("GrpHdr")
    w.leaf("MsgId", messageID)
    w.leaf("CreDtTm", createdAt.rfc3339)
    w.leaf("NbOfTxs", String(numberOfTransactions))
    w.leaf("CtrlSum", controlSum.centsString)
    w.open("InitgPty")
    w.leaf("Nm", creditor.name)
    w.close("InitgPty")
    w.close("GrpHdr")
    for group in groups { write(group, to: &w) }
    w.close("CstmrDrctDbtInitn")
    w.close("Document")
    return w.text
  }

  private func write(_ group: PaymentGroup, to w: inout XMLLines) {
    w.open("PmtInf")
    w.leaf("PmtInfId", group.paymentInformationID)
    w.leaf("PmtMtd", "DD")
    w.leaf("NbOfTxs", String(group.collections.count))
    w.leaf("CtrlSum", group.controlSum.centsString)
    w.open("PmtTpInf")
    w.wrapped(["SvcLvl", "Cd"], "SEPA")
    w.wrapped(["LclInstrm", "Cd"], "CORE")
    w.leaf("SeqTp", group.sequenceType.rawValue)
    w.close("PmtTpInf")
    w.leaf("ReqdColltnDt", collectionDate.iso)
    w.wrapped(["Cdtr", "Nm"], creditor.name)
    w.wrapped(["CdtrAcct", "Id", "IBAN"], creditor.iban.value)
    writeAgent("CdtrAgt", bic: creditor.bic, to: &w)
    w.leaf("ChrgBr", "SLEV")
    writeSchemeID(to: &w)
    for collection in group.collections { write(collection, to: &w) }
    w.close("PmtInf")
  }

  private func write(_ c: SEPACollection, to w: inout XMLLines) {
    w.open("DrctDbtTxInf")
    w.wrapped(["PmtId", "EndToEndId"], c.endToEndID)
    w.leaf("InstdAmt", c.amount.centsString, attributes: [("Ccy", "EUR")])
    w.open("DrctDbtTx")
    w.open("MndtRltdInf")
    w.leaf("MndtId", c.mandateID.value)
    w.leaf("DtOfSgntr", c.mandateSignedOn.iso)
    w.close("MndtRltdInf")
    w.close("DrctDbtTx")
    writeAgent("DbtrAgt", bic: c.debtorBIC, to: &w)
    w.wrapped(["Dbtr", "Nm"], c.debtorName)
    w.wrapped(["DbtrAcct", "Id", "IBAN"], c.debtorIBAN.value)
    if let remittance = c.remittanceInformation {
      w.wrapped(["RmtInf", "Ustrd"], remittance)
    }
    w.close("DrctDbtTxInf")
  }

  private func writeAgent(_ tag: String, bic: BIC?, to w: inout XMLLines) {
    if let bic {
      w.wrapped([tag, "FinInstnId", "BIC"], bic.value)
    } else {
      // The EPC's way of saying "IBAN only": the bank derives the agent from the IBAN.
      w.wrapped([tag, "FinInstnId", "Othr", "Id"], "NOTPROVIDED")
    }
  }

  private func writeSchemeID(to w: inout XMLLines) {
    w.open("CdtrSchmeId")
    w.open("Id")
    w.open("PrvtId")
    w.open("Othr")
    w.leaf("Id", creditor.creditorID.value)
    w.wrapped(["SchmeNm", "Prtry"], "SEPA")
    w.close("Othr")
    w.close("PrvtId")
    w.close("Id")
    w.close("CdtrSchmeId")
  }

  /// `<message id>-<sequence type>`, cutting the message id when the whole would pass 35.
  private static func paymentInformationID(_ messageID: String, _ type: SEPASequenceType)
    -> String
  {
    let room = SEPAText.identifierLimit - 1 - type.rawValue.count
    var prefix = String(messageID.prefix(room))
    // Cutting must not leave a "/" before the "-", nor a trailing space.
    while let last = prefix.last, last == " " || last == "/" { prefix.removeLast() }
    return prefix + "-" + type.rawValue
  }
}

/// Builds indented XML line by line; every text and attribute value is escaped here.
struct XMLLines {
  private(set) var text = ""
  private var depth = 0

  mutating func raw(_ line: String) {
    text += String(repeating: "  ", count: depth) + line + "\n"
  }

  mutating func open(_ tag: String, attributes: [(String, String)] = []) {
    raw("<" + tag + Self.attributes(attributes) + ">")
    depth += 1
  }

  mutating func close(_ tag: String) {
    depth -= 1
    raw("</" + tag + ">")
  }

  mutating func leaf(_ tag: String, _ value: String, attributes: [(String, String)] = []) {
    raw("<\(tag)\(Self.attributes(attributes))>\(SEPAText.xmlEscaped(value))</\(tag)>")
  }

  /// A leaf nested in a chain of elements: `wrapped(["A", "B"], v)` is `<A><B>v</B></A>`.
  mutating func wrapped(_ path: [String], _ value: String) {
    guard let last = path.last else { return }
    for tag in path.dropLast() { open(tag) }
    leaf(last, value)
    for tag in path.dropLast().reversed() { close(tag) }
  }

  private static func attributes(_ pairs: [(String, String)]) -> String {
    pairs.map { " \($0.0)=\"\(SEPAText.xmlEscaped($0.1))\"" }.joined()
  }
}
