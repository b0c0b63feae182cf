import SaldoCore
import Terminal

/// Edit automatic upgrade: on or off, how much, the direct-debit mandate, who receives the
/// invoices, an own order number and an optional monthly cap.
///
/// The form checks what it can while typing (the IBAN's mod-97, dates, amounts) so mistakes
/// show beside the field; the core checks everything again on Save and its answer is shown
/// as it is.
public struct AutoUpgradeFormState {
  public enum Focus: CaseIterable, Equatable, Sendable {
    case enabled, amountMode, amount, holder, iban, bic, mandateID, mandateDate, organisation
    case orderNumber, monthlyCap, save, cancel
  }

  public enum AmountMode: Equatable { case fixed, coverDays }

  /// A field that stops Save, and why.
  struct Problem: Error, Equatable {
    var field: Focus
    var message: String
  }

  /// The values a person can change, to tell whether anything was changed.
  struct Values: Equatable {
    var enabled: Bool
    var amountMode: AmountMode
    var texts: [String]
    var organisation: Int
  }

  public let setup: AutoUpgradeSetup
  public var enabled: Bool
  public var amountMode: AmountMode
  public var fixedAmount = TextField(maxLength: 24)
  public var coverDays = TextField(maxLength: 3)
  public var holder = TextField(maxLength: 200)
  /// Room for the 34 characters of the longest IBAN in groups of four.
  public var iban = TextField(maxLength: 42)
  /// Asked only for an account outside the EEA, where SEPA needs the bank's BIC.
  public var bic = TextField(maxLength: 11)
  public var mandateID = TextField(maxLength: 35)
  public var mandateDate = TextField(maxLength: 10)
  /// An index of `setup.organisations`.
  public var organisation = 0
  public var orderNumber = TextField(maxLength: 100)
  public var monthlyCap = TextField(maxLength: 24)
  public var focus: Focus = .enabled
  /// Save was sent and its answer has not come back: further Saves are ignored.
  public var submitting = false
  /// Why Save stopped: the form's own check or the core's answer.
  public var error: String?

  private var initial: Values

  public init(setup: AutoUpgradeSetup) {
    self.setup = setup
    let settings = setup.settings
    enabled = settings?.enabled ?? false
    amountMode = .fixed
    switch settings?.amount {
    case .fixed(let money): fixedAmount.setText(ScreenFormat.editable(money))
    case .coverDays(let days):
      amountMode = .coverDays
      coverDays.setText(String(days))
    case nil: break
    }
    if let settings {
      holder.setText(settings.holder)
      iban.setText(settings.iban.formatted)
      bic.setText(settings.bic?.value ?? "")
      mandateID.setText(settings.mandateID.value)
      mandateDate.setText(settings.mandateDate.iso)
      organisation =
        setup.organisations.firstIndex { $0.id == settings.organisationID } ?? 0
      orderNumber.setText(settings.orderNumber ?? "")
      monthlyCap.setText(settings.monthlyCap.map(ScreenFormat.editable) ?? "")
    }
    initial = Values(enabled: false, amountMode: .fixed, texts: [], organisation: 0)
    initial = values
  }

  /// Where a text field's value lives (the amount field depends on the amount mode); nil for
  /// the choices and buttons.
  func path(of field: Focus) -> WritableKeyPath<AutoUpgradeFormState, TextField>? {
    switch field {
    case .amount: amountMode == .fixed ? \.fixedAmount : \.coverDays
    case .holder: \.holder
    case .iban: \.iban
    case .bic: \.bic
    case .mandateID: \.mandateID
    case .mandateDate: \.mandateDate
    case .orderNumber: \.orderNumber
    case .monthlyCap: \.monthlyCap
    case .enabled, .amountMode, .organisation, .save, .cancel: nil
    }
  }

  var values: Values {
    Values(
      enabled: enabled, amountMode: amountMode,
      texts: [
        fixedAmount, coverDays, holder, iban, bic, mandateID, mandateDate, orderNumber, monthlyCap,
      ].map(\.text),
      organisation: organisation)
  }

  public var isDirty: Bool { values != initial }

  /// Whether the settings were paused by the system (a reversal, an invalid mandate).
  var pausedReason: String? { setup.settings?.pausedReasonShown }

  /// The fields Tab visits: switched off, only the switch and the buttons; the BIC only
  /// where the account needs one (or one was given).
  var stops: [Focus] {
    guard enabled else { return [.enabled, .save, .cancel] }
    return Focus.allCases.filter { $0 != .bic || asksBIC }
  }

  /// Whether the BIC is asked: the IBAN's country is outside the EEA, or a BIC is filled in.
  var asksBIC: Bool {
    if !bic.text.isEmpty { return true }
    guard case .success(let iban) = parsedIBAN else { return false }
    return SEPACountries.needsBIC(iban.countryCode)
  }

  var editsText: Bool { path(of: focus) != nil }

  var chosenOrganisation: Organisation? {
    let organisations = setup.organisations
    return organisations.isEmpty ? nil : organisations[min(organisation, organisations.count - 1)]
  }

  // MARK: Checks

  var amount: Result<AutoUpgradeAmount, UIError> {
    switch amountMode {
    case .fixed:
      guard !fixedAmount.text.trimmingCharacters().isEmpty else {
        return .failure(UIError(tr("enter the amount to top up each time, e.g. 500 or 500,00")))
      }
      return Self.money(fixedAmount.text).map(AutoUpgradeAmount.fixed)
    case .coverDays:
      let range = AutoUpgradeSettings.coverDaysRange
      guard let days = Int(coverDays.text.trimmingCharacters()), range.contains(days) else {
        return .failure(UIError(tr("enter the days the top-up must cover, 1 to 365")))
      }
      return .success(.coverDays(days))
    }
  }

  var cap: Result<Money?, UIError> {
    guard !monthlyCap.text.trimmingCharacters().isEmpty else { return .success(nil) }
    return Self.money(monthlyCap.text).map { Optional($0) }
      .mapError { UIError(tr("monthly cap: ") + $0.message) }
  }

  var parsedIBAN: Result<IBAN, UIError> {
    guard !iban.text.trimmingCharacters().isEmpty else {
      return .failure(UIError(tr("enter the IBAN to debit, e.g. NL91 ABNA 0417 1643 00")))
    }
    do { return .success(try IBAN.parse(iban.text)) } catch {
      return .failure(UIError(error.description))
    }
  }

  var parsedMandateDate: Result<Day, UIError> {
    guard let day = Day(iso: mandateDate.text.trimmingCharacters()) else {
      return .failure(
        UIError(tr("the mandate date must be the day it was signed, like 2026-11-24 (YYYY-MM-DD)")))
    }
    return .success(day)
  }

  /// What is wrong with a field, as far as the form can tell without the core.
  func problem(_ field: Focus) -> String? {
    func message<T>(_ result: Result<T, UIError>) -> String? {
      if case .failure(let error) = result { return error.message }
      return nil
    }
    switch field {
    case .amount: return message(amount)
    case .holder:
      return holder.text.trimmingCharacters().isEmpty
        ? tr("enter the account holder, as on the signed mandate") : nil
    case .iban: return message(parsedIBAN)
    case .bic:
      guard asksBIC, bic.text.trimmingCharacters().isEmpty,
        case .success(let iban) = parsedIBAN
      else { return nil }
      return tr(
        "an account in \(iban.countryCode) is outside the EEA: enter its bank's BIC (8 or 11 letters and digits, as on the bank statement)"
      )
    case .mandateID: return nil
    case .mandateDate: return message(parsedMandateDate)
    case .organisation:
      return setup.organisations.isEmpty
        ? tr("the environment has no organisation to receive the invoices") : nil
    case .monthlyCap: return message(cap)
    case .enabled, .amountMode, .orderNumber, .save, .cancel: return nil
    }
  }

  /// The problem of the focused field once something is typed in it: live feedback that
  /// does not nag about fields not reached yet.
  var liveProblem: String? {
    guard let path = path(of: focus), !self[keyPath: path].text.isEmpty else { return nil }
    return problem(focus)
  }

  /// What the core receives, or the first field in the way.
  var input: Result<AutoUpgradeInput, Problem> {
    for field in stops {
      if let message = problem(field) { return .failure(Problem(field: field, message: message)) }
    }
    guard case .success(let amount) = amount, case .success(let cap) = cap,
      case .success(let day) = parsedMandateDate, let organisation = chosenOrganisation
    else { return .failure(Problem(field: .amount, message: tr("check the form"))) }
    let order = orderNumber.text.trimmingCharacters()
    return .success(
      AutoUpgradeInput(
        amount: amount, holder: holder.text.trimmingCharacters(),
        iban: iban.text.trimmingCharacters(), mandateID: mandateID.text.trimmingCharacters(),
        mandateDate: day, organisation: organisation, orderNumber: order.isEmpty ? nil : order,
        monthlyCap: cap, bic: asksBIC ? bic.text.trimmingCharacters() : nil))
  }

  /// An amount of credit as typed, checked by the same rules as a top-up.
  static func money(_ text: String) -> Result<Money, UIError> {
    do {
      let money = try MoneyFormat.parse(text)
      try TopUpRules.check(amount: money)
      return .success(money)
    } catch let error as AmountError {
      return .failure(UIError(error.description))
    } catch {
      return .failure(UIError(error))
    }
  }
}
