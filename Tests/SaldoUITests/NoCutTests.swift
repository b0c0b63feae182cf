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

  static func money(_ value: Money, _ ascii: Bool) -> String { Format.money(value, ascii: ascii) }

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
      amount: Money(mills: 100_000_000), plan: try demo.saldo.plan(of: demo.environment),
      tax: try demo.saldo.topUpTaxes(of: demo.environment).treatment(for: nil))
    list.append(Scenario(name: "payForm", session: pay, musts: [money(quote.total, ascii)]))
    pay.press(.control("s"))
    list.append(Scenario(
      name: "payReview", session: pay,
      musts: [quote.credit, quote.bonus, quote.vat, quote.total].map { money($0, ascii) }))

    var invoice = start()
    invoice.press(.character("p"), .tab, .down, .down, .control("s"), .enter)
    guard case .payAndUpgrade(let dialog) = invoice.state.top,
      let issued = dialog.outcome?.invoice
    else { throw UIError("no invoice outcome") }
    list.append(Scenario(
      name: "invoiceOutcome", session: invoice,
      musts: [money(issued.total, ascii), issued.paymentReference, issued.number]))
    invoice.wait(ms: 400)
    invoice.press(.enter)

    var view = start()
    view.press(.enter, .enter)
    if case .invoice(let shown) = view.state.top, let opened = shown.invoice {
      list.append(Scenario(
        name: "invoiceView", session: view,
        musts: wholeParts(opened.text, ascii: ascii) + [opened.paymentReference], scrolls: true))
    }

    var checkout = start()
    checkout.press(.character("p"), .character("r"), .enter)
    if case .checkout(let shown) = checkout.state.top {
      let payment = shown.topUp.payment
      list.append(Scenario(
        name: "checkout", session: checkout,
        musts: [payment.total, payment.amount, payment.vat].map { money($0, ascii) }))
    }

    var transactions = start()
    transactions.press(.character("t"), .enter)
    if case .transactions(let shown) = transactions.state.top, let entry = shown.selectedEntry {
      list.append(Scenario(
        name: "transactionDetail", session: transactions,
        musts: [entry.reference ?? "", Format.price(entry.amount, ascii: ascii)]
          + (shown.totals.map { [money($0.sum, ascii)] } ?? [])))
    }

    var payments = start()
    payments.press(.character("$"))
    list.append(Scenario(name: "payments", session: payments, musts: []))

    var message = start()
    message.state.message = .error(
      "the platform's seller data is missing; an operator sets it with `saldo seller set --name"
        + " NAME --vat NL123456789B01 --iban NL91ABNA0417164300 --bic ABNANL2A` and tries again")
    list.append(Scenario(
      name: "message", session: message,
      musts: wholeParts(message.state.message?.text ?? "", ascii: ascii)))

    for (name, keys) in [
      ("helpHome", [Key.character("?")]), ("helpPay", [.character("p"), .character("?")]),
      ("helpReview", [.character("p"), .control("s"), .character("?")]),
      ("helpTransactions", [.character("t"), .character("?")]),
      ("helpPayments", [.character("$"), .character("?")]),
      ("helpInvoice", [.enter, .enter, .character("?")]),
    ] {
      var help = start()
      keys.forEach { help.press($0) }
      let musts = HelpOverlay.keys(for: help.state.top).map(\.keys).filter { !$0.isEmpty }
        .map { ascii ? $0.replacingArrows() : $0 } + ["Press any key to close"]
      list.append(Scenario(name: name, session: help, musts: musts))
    }

    try demo.saldo.addUser(
      login: "ben", displayName: "Ben Jansen", email: nil, role: .member, to: demo.environment)
    var member = Session(runtime: demo.runtime(as: Accounts.ben), size: size, ascii: ascii)
    list.append(Scenario(
      name: "memberNotice", session: member, musts: ["`saldo open invoice/NUMBER`"]))
    member.press(.character("e"))
    list.append(Scenario(name: "memberEdit", session: member, musts: ["Ada de Vries (ada)"]))
    return list
  }

  @Test(arguments: sizes, [false, true])
  func nothingThatMattersIsCut(size: Size, ascii: Bool) throws {
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
        let cut = line.contains(where: { $0 == "…" }) && line.range(of: #"[0-9€]…"#,
          options: .regularExpression) != nil
        #expect(!cut, "\(scenario.name) at \(size): a number ends in an ellipsis: \(line)")
      }
    }
  }
}
