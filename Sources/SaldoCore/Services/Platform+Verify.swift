extension PlatformService {
  /// `saldo check`: every guarantee of the store and of the money lifecycle. Operators only.
  public func verify() throws -> [String] {
    try store.read { try access.requireOperator(to: tr("check the database")) }
    return try store.verify() + identifierProblems()
  }

  /// Identifiers are read back as checked values (organisations' KvK numbers, VAT ids, Peppol
  /// and registration ids; the automatic upgrade's IBAN, BIC and mandate reference; the
  /// seller's IBAN, BIC and creditor id); one stored by an earlier release without the checks,
  /// or edited by hand, is reported with the fix.
  func identifierProblems() throws -> [String] {
    try store.read {
      var problems: [String] = []
      for environment in try store.environments() {
        for organisation in try store.organisations(environmentID: environment.id) {
          let name = Sanitize.line(organisation.name, limit: 60)
          let fix =
            "saldo --env \"\(Sanitize.line(environment.name, limit: 60))\" org set"
            + " \"\(name)\""
          if let kvk = organisation.details.kvk,
            (try? KvKNumber.parse(kvk.value))?.value != kvk.value
          {
            problems.append(
              "organisation \(name) of \(environment.name) has KvK number \"\(kvk.value)\","
                + " which is not eight digits; correct it with `\(fix) --kvk NUMBER`")
          }
          if let vat = organisation.details.vat, (try? VATID.parse(vat.value))?.value != vat.value {
            problems.append(
              "organisation \(name) of \(environment.name) has VAT id \"\(vat.value)\", which"
                + " is not a valid VAT id; correct it with `\(fix) --vat ID`")
          }
          for (label, id, flag) in [
            ("Peppol ID", organisation.details.peppol, "--peppol"),
            ("registration id", organisation.details.registration, "--registration"),
          ] {
            if let id, (try? PeppolParticipantID.make(scheme: id.scheme, value: id.value)) != id {
              let shown = Sanitize.line(id.description, limit: 60)
              problems.append(
                "organisation \(name) of \(environment.name) has \(label) \"\(shown)\", which"
                  + " the Peppol rules refuse; correct it with `\(fix) \(flag) SCHEME:ID`")
            }
          }
        }
        if let settings = try store.autoUpgrade(environmentID: environment.id) {
          problems += mandateProblems(settings, environment: environment)
        }
      }
      if let seller = try? seller() { problems += sellerProblems(seller) }
      return problems
    }
  }

  /// The automatic upgrade's account and mandate go into SEPA files as stored.
  private func mandateProblems(_ settings: AutoUpgradeSettings, environment: Environment)
    -> [String]
  {
    let fix =
      "save the automatic upgrade of \(Sanitize.line(environment.name, limit: 60)) again with"
      + " `saldo auto-upgrade set` (or Edit in My environment)"
    var problems: [String] = []
    if (try? IBAN.parse(settings.iban.value))?.value != settings.iban.value {
      problems.append(
        "the automatic upgrade of \(environment.name) has IBAN \"\(settings.iban.value)\", which"
          + " is not a valid IBAN; \(fix)")
    }
    if let bic = settings.bic, (try? BIC.parse(bic.value))?.value != bic.value {
      problems.append(
        "the automatic upgrade of \(environment.name) has BIC \"\(bic.value)\", which is not a"
          + " BIC; \(fix)")
    }
    if (try? MandateReference.parse(settings.mandateID.value))?.value != settings.mandateID.value {
      problems.append(
        "the automatic upgrade of \(environment.name) has mandate reference"
          + " \"\(Sanitize.line(settings.mandateID.value, limit: 40))\", which SEPA refuses; \(fix)"
      )
    }
    return problems
  }

  /// The seller's account and creditor id go onto every invoice and SEPA file as stored.
  private func sellerProblems(_ seller: SellerProfile) -> [String] {
    let fix = "correct it with `saldo seller set`"
    var problems: [String] = []
    if (try? IBAN.parse(seller.iban.value))?.value != seller.iban.value {
      problems.append(
        "the seller's IBAN \"\(seller.iban.value)\" is not a valid IBAN; \(fix) --iban IBAN")
    }
    if let bic = seller.bic, (try? BIC.parse(bic.value))?.value != bic.value {
      problems.append("the seller's BIC \"\(bic.value)\" is not a BIC; \(fix) --bic BIC")
    }
    if let id = seller.creditorID, (try? SEPACreditorID(id.value))?.value != id.value {
      problems.append(
        "the seller's creditor id \"\(id.value)\" is not a valid SEPA creditor id; \(fix)"
          + " --creditor-id ID")
    }
    return problems
  }
}
