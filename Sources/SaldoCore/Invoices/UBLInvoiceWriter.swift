/// Writes an `InvoiceDocument` as a UBL 2.1 Invoice or CreditNote following Peppol BIS
/// Billing 3.0 and the Dutch national rules, the format delivered to an Inbox-in.
///
/// Elements appear in the order of the UBL 2.1 schema; only elements Peppol allows are used.
public enum UBLInvoiceWriter {
  /// Peppol BIS Billing 3.0 specification identifier (BT-24).
  public static let customizationID =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
  /// Peppol business process (BT-23).
  public static let profileID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

  private static let ublNamespace = "urn:oasis:names:specification:ubl:schema:xsd:"

  /// The complete XML document, UTF-8 text with an XML declaration.
  public static func xml(_ doc: InvoiceDocument) -> String {
    let isCredit = doc.kind != .invoice
    let root = isCredit ? "CreditNote" : "Invoice"
    var xml = XMLBuilder()
    xml.element(
      root,
      [
        "xmlns": ublNamespace + root + "-2",
        "xmlns:cac": ublNamespace + "CommonAggregateComponents-2",
        "xmlns:cbc": ublNamespace + "CommonBasicComponents-2",
      ]
    ) { xml in
      header(doc, &xml)
      party("cac:AccountingSupplierParty", doc.seller.party, doc.sellerEndpoint, doc, &xml)
      party("cac:AccountingCustomerParty", doc.buyer, doc.buyerEndpoint, doc, &xml)
      payment(doc, &xml)
      taxTotal(doc, &xml)
      monetaryTotal(doc, &xml)
      for (index, line) in doc.lines.enumerated() {
        invoiceLine(
          index + 1, line, doc.totals.lineAmounts[index], doc.tax, isCredit: isCredit, &xml)
      }
    }
    return xml.output
  }

  private static func amount(_ money: Money) -> String { money.centsString }

  private static let euro: KeyValuePairs<String, String> = ["currencyID": InvoiceDocument.currency]

  private static func header(_ doc: InvoiceDocument, _ xml: inout XMLBuilder) {
    xml.leaf("cbc:CustomizationID", customizationID)
    xml.leaf("cbc:ProfileID", profileID)
    xml.leaf("cbc:ID", doc.number)
    xml.leaf("cbc:IssueDate", doc.issueDate.iso)
    switch doc.kind {
    case .invoice:
      xml.leaf("cbc:DueDate", doc.dueDate.iso)
      xml.leaf("cbc:InvoiceTypeCode", doc.kind.typeCode)
    case .creditNote:
      // A UBL credit note has no DueDate; when a refund is due it goes in PaymentMeans.
      xml.leaf("cbc:CreditNoteTypeCode", doc.kind.typeCode)
    }
    xml.leaf("cbc:Note", doc.note)
    xml.leaf("cbc:DocumentCurrencyCode", InvoiceDocument.currency)
    xml.leaf("cbc:BuyerReference", doc.buyerReference)
    if let order = doc.orderNumber {
      xml.element("cac:OrderReference") { $0.leaf("cbc:ID", order) }
    }
    if case .creditNote(let corrected) = doc.kind {
      xml.element("cac:BillingReference") { xml in
        xml.element("cac:InvoiceDocumentReference") { xml in
          xml.leaf("cbc:ID", corrected.number)
          xml.leaf("cbc:IssueDate", corrected.issueDate.iso)
        }
      }
    }
  }

  /// The legal registration the Dutch rules ask for (NL-R-003, NL-R-005): the KvK number
  /// (scheme 0106), or for government bodies without one the OIN they are reached under (0190).
  static func legalID(_ details: PartyDetails, endpoint: PeppolParticipantID)
    -> (scheme: String, value: String)?
  {
    if let kvk = details.kvk { return ("0106", kvk.value) }
    // Another country's registration (BE enterprise number, SIREN, …) where its scheme is an
    // ISO 6523 code: the legal entity's scheme must come from that list (BR-CL-11), so VAT
    // schemes (99xx) stay in PartyTaxScheme.
    if let registration = details.registration, registration.scheme.hasPrefix("0") {
      return (registration.scheme, registration.value)
    }
    if endpoint.scheme == "0190" || endpoint.scheme == "0106" {
      return (endpoint.scheme, endpoint.value)
    }
    return nil
  }

  private static func party(
    _ role: String, _ party: InvoiceParty, _ endpoint: PeppolParticipantID,
    _ doc: InvoiceDocument, _ xml: inout XMLBuilder
  ) {
    let isSeller = role == "cac:AccountingSupplierParty"
    let details = party.details
    xml.element(role) { xml in
      xml.element("cac:Party") { xml in
        xml.leaf("cbc:EndpointID", endpoint.value, ["schemeID": endpoint.scheme])
        if isSeller, case .directDebit = doc.payment, doc.kind == .invoice,
          let creditor = doc.seller.creditorID
        {
          // The bank-assigned creditor identifier (BT-90) lives here, marked "SEPA".
          xml.element("cac:PartyIdentification") {
            $0.leaf("cbc:ID", creditor.value, ["schemeID": "SEPA"])
          }
        }
        xml.element("cac:PostalAddress") { xml in
          xml.leaf("cbc:StreetName", details.street)
          xml.leaf("cbc:CityName", details.city)
          xml.leaf("cbc:PostalZone", details.postcode)
          xml.element("cac:Country") { $0.leaf("cbc:IdentificationCode", details.country) }
        }
        // Outside the scope of VAT, neither party's VAT id may appear (BR-O-02).
        if let vat = details.vat, doc.tax.category != .outsideScope {
          xml.element("cac:PartyTaxScheme") { xml in
            xml.leaf("cbc:CompanyID", vat.value)
            xml.element("cac:TaxScheme") { $0.leaf("cbc:ID", "VAT") }
          }
        }
        xml.element("cac:PartyLegalEntity") { xml in
          xml.leaf("cbc:RegistrationName", party.name)
          if let legal = legalID(details, endpoint: endpoint) {
            xml.leaf("cbc:CompanyID", legal.value, ["schemeID": legal.scheme])
          }
        }
      }
    }
  }

  private static func payment(_ doc: InvoiceDocument, _ xml: inout XMLBuilder) {
    switch doc.payment {
    case .noRefund(_, let explanation):
      // Nothing is paid either way: only the terms say so (a credit note needs no payment
      // means, NL-R-007), which also meets BR-CO-25 for the positive amount it credits.
      xml.element("cac:PaymentTerms") { $0.leaf("cbc:Note", explanation) }
    case .carriedOver(let replaced, let earlier):
      paymentMeans(earlier, doc, &xml)
      xml.element("cac:PaymentTerms") {
        $0.leaf("cbc:Note", "Paid: the payment of invoice " + replaced + " settles this invoice")
      }
    default:
      paymentMeans(doc.payment, doc, &xml)
    }
  }

  private static func paymentMeans(
    _ payment: InvoicePayment, _ doc: InvoiceDocument, _ xml: inout XMLBuilder
  ) {
    switch payment {
    case .paid(let method, let reference):
      // iDEAL and Wero are SEPA credit transfers started online: 58 with the account they
      // settle into. Bancontact is a debit-card scheme: 48. Code 68 (online payment service)
      // would describe both, but the Dutch rules allow only 30, 48, 49, 57, 58, 59 (NL-R-008).
      xml.element("cac:PaymentMeans") { xml in
        switch method {
        case .idealWero:
          xml.leaf("cbc:PaymentMeansCode", "58", ["name": method.label])
          xml.leaf("cbc:PaymentID", reference)
          payeeAccount(doc.seller.iban, name: doc.seller.party.name, bic: doc.seller.bic, &xml)
        case .bancontact:
          xml.leaf("cbc:PaymentMeansCode", "48", ["name": method.label])
          xml.leaf("cbc:PaymentID", reference)
        }
      }
    case .bankTransfer(let reference):
      xml.element("cac:PaymentMeans") { xml in
        xml.leaf("cbc:PaymentMeansCode", "58", ["name": "SEPA credit transfer"])
        xml.leaf("cbc:PaymentID", reference)
        payeeAccount(doc.seller.iban, name: doc.seller.party.name, bic: doc.seller.bic, &xml)
      }
    case .directDebit(let mandate, let debtor, let reference):
      xml.element("cac:PaymentMeans") { xml in
        xml.leaf("cbc:PaymentMeansCode", "59", ["name": "SEPA direct debit"])
        xml.leaf("cbc:PaymentID", reference)
        xml.element("cac:PaymentMandate") { xml in
          xml.leaf("cbc:ID", mandate.value)
          xml.element("cac:PayerFinancialAccount") { $0.leaf("cbc:ID", debtor.value) }
        }
      }
    case .carriedOver(_, let earlier):
      paymentMeans(earlier, doc, &xml)
    case .noRefund:
      break
    }
  }

  private static func payeeAccount(
    _ iban: IBAN, name: String, bic: BIC?, _ xml: inout XMLBuilder
  ) {
    xml.element("cac:PayeeFinancialAccount") { xml in
      xml.leaf("cbc:ID", iban.value)
      xml.leaf("cbc:Name", name)
      if let bic {
        xml.element("cac:FinancialInstitutionBranch") { $0.leaf("cbc:ID", bic.value) }
      }
    }
  }

  private static func taxTotal(_ doc: InvoiceDocument, _ xml: inout XMLBuilder) {
    xml.element("cac:TaxTotal") { xml in
      xml.leaf("cbc:TaxAmount", amount(doc.totals.vat), euro)
      for subtotal in doc.totals.vatBreakdown {
        xml.element("cac:TaxSubtotal") { xml in
          xml.leaf("cbc:TaxableAmount", amount(subtotal.taxable), euro)
          xml.leaf("cbc:TaxAmount", amount(subtotal.tax), euro)
          taxCategory("cac:TaxCategory", doc.tax, exemption: true, &xml)
        }
      }
    }
  }

  /// The category; its rate except outside the scope (BR-O-05, BR-O-06); in the breakdown, the
  /// exemption reason of a category without VAT (BR-AE-10, BR-O-10).
  private static func taxCategory(
    _ element: String, _ tax: TaxTreatment, exemption: Bool, _ xml: inout XMLBuilder
  ) {
    xml.element(element) { xml in
      xml.leaf("cbc:ID", tax.category.rawValue)
      if tax.category != .outsideScope { xml.leaf("cbc:Percent", String(tax.percent)) }
      if exemption {
        xml.leaf("cbc:TaxExemptionReasonCode", tax.exemptionReasonCode)
        xml.leaf("cbc:TaxExemptionReason", tax.exemptionReason)
      }
      xml.element("cac:TaxScheme") { $0.leaf("cbc:ID", "VAT") }
    }
  }

  private static func monetaryTotal(_ doc: InvoiceDocument, _ xml: inout XMLBuilder) {
    let totals = doc.totals
    xml.element("cac:LegalMonetaryTotal") { xml in
      xml.leaf("cbc:LineExtensionAmount", amount(totals.lineExtension), euro)
      xml.leaf("cbc:TaxExclusiveAmount", amount(totals.taxExclusive), euro)
      xml.leaf("cbc:TaxInclusiveAmount", amount(totals.taxInclusive), euro)
      if !totals.prepaid.isZero {
        xml.leaf("cbc:PrepaidAmount", amount(totals.prepaid), euro)
      }
      xml.leaf("cbc:PayableAmount", amount(totals.payable), euro)
    }
  }

  private static func invoiceLine(
    _ number: Int, _ line: InvoiceLine, _ net: Money, _ tax: TaxTreatment, isCredit: Bool,
    _ xml: inout XMLBuilder
  ) {
    xml.element(isCredit ? "cac:CreditNoteLine" : "cac:InvoiceLine") { xml in
      xml.leaf("cbc:ID", String(number))
      xml.leaf(
        isCredit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", String(line.quantity),
        ["unitCode": line.unitCode])
      xml.leaf("cbc:LineExtensionAmount", amount(net), euro)
      xml.element("cac:Item") { xml in
        xml.leaf("cbc:Name", line.description)
        taxCategory("cac:ClassifiedTaxCategory", tax, exemption: false, &xml)
      }
      xml.element("cac:Price") { $0.leaf("cbc:PriceAmount", amount(line.unitPrice), euro) }
    }
  }
}
