import SaldoCore
import Terminal
import TestSupport
import Testing

@testable import SaldoUI

/// Every screen and dialog in its states, at three sizes and in both charsets: whatever
/// amount, IBAN, reference or command the state holds must appear whole on one row.
@Suite struct NoCutTests {
  static let sizes = [
    Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 200, height: 50),
  ]

  /// A named state reached by keys, and what it must show.
  struct Scenario {
    var name: String
    var session: Session
    var musts: [String]
    /// Rows of every scroll position (the invoice text is longer than a screen).
    var scrolls = false
  }

  static func money(_ value: Money, _ ascii: Bool) -> String {
    ScreenFormat.money(value, ascii: ascii)
  }

  /// The commands between backticks and the amounts in a text, the parts that must stay whole.
  static func wholeParts(_ text: String, ascii: Bool) -> [String] {
    let clean = ascii ? ASCIIFallback.transliterate(text) : text
    return clean.split(separator: "\n").flatMap { TextWrap.tokens(String($0)) }.filter {
      $0.contains("`") || $0.hasPrefix("€") || $0.hasPrefix("-€") || $0.hasPrefix("EUR")
        || $0.hasPrefix("-EUR") || TextWrap.isIBANStart(String($0.prefix(4)))
    }.map { token in
      var part = token
      while let last = part.last, ".,;:)".contains(last) { part.removeLast() }
      while let first = part.first, "(".contains(first) { part.removeFirst() }
      return part
    }.filter { !$0.isEmpty }
  }

  static func scenarios(size: Size, ascii: Bool) throws -> [Scenario] {
    let demo = try DemoStore()
    var list: [Scenario] = []
    func start() -> Session { Session(runtime: demo.runtime(), size: size, ascii: ascii) }
    let home = start()
    let balance = money(home.state.home?.summary?.balance ?? .zero, ascii)
    list.append(Scenario(name: "home", session: home, musts: [balance]))

    var pay = start()
    pay.press(.character("p"))
    pay.type("100000")
    let quote = TopUpRules.quote(
      amount: Money(mills: 100_000_000), plan: try demo.saldo.directory.plan(of: demo.environment),
      tax: try demo.saldo.topUps.topUpTaxes(of: demo.environment).treatment(for: nil))
    list.append(Scenario(name: "payForm", session: pay, musts: [money(quote.total, ascii)]))
    pay.press(.control("s"))
    list.append(
      Scenario(
        name: "payReview", session: pay,
        musts: [quote.credit, quote.bonus, quote.vat, quote.total].map { money($0, ascii) }))

    var invoice = start()
    invoice.press(.character("p"), .tab, .down, .down, .control("s"), .enter)
    guard case .payAndUpgrade(let dialog) = invoice.state.top,
      let issued = dialog.outcome?.invoice
    else { throw UIError("no invoice outcome") }
    list.append(
      Scenario(
        name: "invoiceOutcome", session: invoice,
        musts: [money(issued.total, ascii), issued.paymentReference, issued.number]))
    invoice.wait(ms: 400)
    invoice.press(.enter)

    var view = start()
    view.press(.enter, .enter)
    if case .invoice(let shown) = view.state.top, let opened = shown.invoice {
      list.append(
        Scenario(
          name: "invoiceView", session: view,
          musts: wholeParts(opened.text, ascii: ascii) + [opened.paymentReference], scrolls: true))
    }

    var checkout = start()
    checkout.press(.character("p"), .character("r"), .enter)
    if case .checkout(let shown) = checkout.state.top {
      let payment = shown.topUp.payment
      list.append(
        Scenario(
          name: "checkout", session: checkout,
          musts: [payment.total, payment.amount, payment.vat].map { money($0, ascii) }))
    }

    var transactions = start()
    transactions.press(.character("t"), .enter)
    if case .transactions(let shown) = transactions.state.top, let entry = shown.selectedEntry {
      list.append(
        Scenario(
          name: "transactionDetail", session: transactions,
          musts: [entry.reference ?? "", ScreenFormat.price(entry.amount, ascii: ascii)]
            + (shown.totals.map { [money($0.sum, ascii)] } ?? [])))
    }

    // The transactions list: every amount and reference on screen whole; a shortened name
    // must come with the note saying how to read it whole.
    var ledger = start()
    ledger.press(.character("t"))
    if case .transactions(let shown) = ledger.state.top {
      let height = TransactionsScreen.listHeight(size)
      let visible = shown.window.rows.prefix(height)
      var musts = visible.flatMap { [money($0.amount, ascii), $0.reference ?? ""] }
      if let totals = shown.totals { musts.append(money(totals.sum, ascii)) }
      let screen = App.render(ledger.state).grid.text()
      for entry in visible {
        let name = shown.organisationName(entry.organisationID)
        let plain = ascii ? ASCIIFallback.transliterate(name) : name
        if !name.isEmpty, !screen.contains(plain) {
          musts.append(TransactionsScreen.cutNote(ascii: ascii))
        }
      }
      list.append(Scenario(name: "transactions", session: ledger, musts: musts))
    }
    // The filter bar with the longest organisation chosen.
    var filter = start()
    filter.press(.character("t"), .character("f"), .tab, .tab)
    let names = try demo.saldo.directory.organisations(of: demo.environment)
    if let longest = names.indices.max(by: { names[$0].name.count < names[$1].name.count }) {
      for _ in 0...longest { filter.press(.right) }
      list.append(
        Scenario(
          name: "filterBar", session: filter,
          musts: [names[longest].name, "Enter"]))
      filter.press(.enter)
      list.append(Scenario(name: "filtered", session: filter, musts: [names[longest].name]))
    }

    // The Inbox-in: numbers and totals of the invoices on screen.
    var inbox = start()
    inbox.press(.enter)
    if case .inbox(let shown) = inbox.state.top, let invoices = shown.invoices {
      let visible = invoices.prefix(InboxScreen.listHeight(size))
      list.append(
        Scenario(
          name: "inbox", session: inbox,
          musts: visible.flatMap { [$0.number, money($0.total, ascii)] }))
    }
    var inboxSearch = inbox
    inboxSearch.press(.character("/"))
    inboxSearch.type("2026-0000")
    list.append(Scenario(name: "inboxSearch", session: inboxSearch, musts: ["Enter " + tr("find")]))

    // Edit automatic upgrade: as opened, with a GB account (the BIC row and its refusal), and
    // with a cap the form refuses.
    var form = start()
    form.press(.character("e"))
    if case .autoUpgrade(let opened) = form.state.top {
      list.append(
        Scenario(
          name: "autoUpgradeForm", session: form,
          musts: [opened.iban.text, opened.monthlyCap.text, opened.fixedAmount.text]))
      var british = form
      if case .autoUpgrade(var edited) = british.state.top {
        edited.enabled = true
        edited.iban.setText("GB82 WEST 1234 5698 7654 32")
        edited.bic.setText("")
        edited.focus = .iban
        british.state.stack[british.state.stack.count - 1] = .autoUpgrade(edited)
      }
      british.press(.control("s"))
      if case .autoUpgrade(let refused) = british.state.top {
        list.append(
          Scenario(
            name: "autoUpgradeBIC", session: british,
            musts: ["GB82 WEST 1234 5698 7654 32", "BIC"]
              + wholeParts(refused.error ?? "", ascii: ascii)))
      }
      var capped = form
      if case .autoUpgrade(var edited) = capped.state.top {
        edited.enabled = true
        edited.monthlyCap.setText("1")
        capped.state.stack[capped.state.stack.count - 1] = .autoUpgrade(edited)
      }
      capped.press(.control("s"))
      if case .autoUpgrade(let refused) = capped.state.top {
        list.append(
          Scenario(
            name: "autoUpgradeCap", session: capped,
            musts: wholeParts(
              (refused.error ?? "") + " " + (refused.liveProblem ?? ""),
              ascii: ascii)))
      }
    }

    var payments = start()
    payments.press(.character("$"))
    list.append(Scenario(name: "payments", session: payments, musts: []))

    var message = start()
    message.state.message = .error(
      "the platform's seller data is missing; an operator sets it with `saldo seller set --name"
        + " NAME --vat NL123456789B01 --iban NL91ABNA0417164300 --bic ABNANL2A` and tries again")
    list.append(
      Scenario(
        name: "message", session: message,
        musts: wholeParts(message.state.message?.text ?? "", ascii: ascii)))

    // The footer while an effect takes longer than a moment, over the review it came from.
    for (name, work) in [
      ("working", WorkInProgress.working), ("waitingForDatabase", .waitingForDatabase),
    ] {
      var waiting = start()
      waiting.press(.character("p"), .control("s"))
      waiting.state.work = work
      list.append(
        Scenario(
          name: name, session: waiting,
          musts: [
            WorkInProgress.working == work
              ? tr("working…") : tr("waiting for the database (another program is writing to it)…")
          ]))
    }

    // The checkout's keys: after the booking's key guard has passed, as a person would.
    var checkoutHelp = start()
    checkoutHelp.press(.character("p"), .control("s"), .enter)
    checkoutHelp.wait(ms: 400)
    checkoutHelp.press(.character("?"))
    list.append(
      Scenario(
        name: "helpCheckout", session: checkoutHelp,
        musts: HelpOverlay.keys(for: checkoutHelp.state.top, home: checkoutHelp.state.home)
          .map(\.keys).filter { !$0.isEmpty }.map { ascii ? $0.replacingArrows() : $0 }
          + [tr("Keys: \(tr("Checkout"))"), tr("Press any key to close")]))

    for (name, keys) in [
      ("helpHome", [Key.character("?")]), ("helpPay", [.character("p"), .character("?")]),
      ("helpReview", [.character("p"), .control("s"), .character("?")]),
      ("helpTransactions", [.character("t"), .character("?")]),
      ("helpPayments", [.character("$"), .character("?")]),
      ("helpInbox", [.enter, .character("?")]),
      ("helpAutoUpgrade", [.character("e"), .character("?")]),
      ("helpInvoice", [.enter, .enter, .character("?")]),
    ] {
      var help = start()
      keys.forEach { help.press($0) }
      let musts =
        HelpOverlay.keys(for: help.state.top, home: help.state.home)
        .map(\.keys).filter { !$0.isEmpty }
        .map { ascii ? $0.replacingArrows() : $0 } + [tr("Press any key to close")]
      list.append(Scenario(name: name, session: help, musts: musts))
    }

    try demo.saldo.directory.addUser(
      login: "ben", displayName: "Ben Jansen", email: nil, role: .member, to: demo.environment)
    var member = Session(runtime: demo.runtime(as: Accounts.ben), size: size, ascii: ascii)
    list.append(
      Scenario(
        name: "memberNotice", session: member, musts: ["`saldo open invoice/NUMBER`"]))
    member.press(.character("e"))
    list.append(Scenario(name: "memberEdit", session: member, musts: ["Ada de Vries (ada)"]))
    member.press(.character("p"))
    list.append(Scenario(name: "memberPay", session: member, musts: ["Ada de Vries (ada)"]))

    // Too small: however narrow, the size needed and the way out are whole.
    let smalls = [
      Size(width: 79, height: 24), Size(width: 40, height: 12), Size(width: 24, height: 10),
    ]
    for small in smalls {
      let tiny = Session(runtime: demo.runtime(), size: small, ascii: ascii)
      list.append(
        Scenario(
          name: "tooSmall\(small.width)", session: tiny,
          musts: [
            "80x24", Language.current == .en ? "Press q to quit" : "Druk q om te stoppen",
          ]))
    }
    return list
  }

  /// A charset and a language: Dutch is often longer than English, so both are checked.
  struct Variant: Sendable, CustomTestStringConvertible {
    var ascii: Bool
    var language: Language
    var testDescription: String { (ascii ? "ASCII" : "UTF-8") + ", " + language.rawValue }
  }

  static let variants = [false, true].flatMap { ascii in
    Language.allCases.map { Variant(ascii: ascii, language: $0) }
  }

  @Test(arguments: sizes, variants)
  func nothingThatMattersIsCut(size: Size, variant: Variant) throws {
    try Language.scoped(variant.language) {
      try check(size: size, ascii: variant.ascii)
    }
  }

  private func check(size: Size, ascii: Bool) throws {
    for scenario in try Self.scenarios(size: size, ascii: ascii) {
      var session = scenario.session
      var lines = App.render(session.state).grid.textLines()
      if scenario.scrolls {
        for _ in 0..<10 {
          session.press(.pageDown)
          lines += App.render(session.state).grid.textLines()
        }
      }
      // A command continued with a backslash reads as one line, as a shell reads it.
      var joined: [String] = []
      for line in lines {
        let trimmed = line.trimmingCharacters()
        if let last = joined.last, last.hasSuffix(" \\") {
          joined[joined.count - 1] = String(last.dropLast(2)) + " " + trimmed
        } else {
          joined.append(line)
        }
      }
      lines = joined
      for must in scenario.musts where !must.isEmpty {
        let wanted = ascii ? ASCIIFallback.transliterate(must) : must
        #expect(
          lines.contains { $0.contains(wanted) },
          "\(scenario.name) at \(size), ascii \(ascii): \"\(wanted)\" is not whole on any row")
      }
      for line in lines {
        let cut =
          line.contains(where: { $0 == "…" })
          && line.range(
            of: #"[0-9€]…"#,
            options: .regularExpression) != nil
        #expect(!cut, "\(scenario.name) at \(size): a number ends in an ellipsis: \(line)")
      }
    }
  }
}
