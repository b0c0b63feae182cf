import SaldoCore
import Terminal

/// A payment as a remote provider last described it, for the checkout screen.
public struct FollowedPayment: Sendable, Equatable {
  public let topUp: TopUpResult
  /// Where the payer pays; nil once the provider no longer offers a checkout.
  public let checkoutURL: String?
  public let testMode: Bool

  public init(topUp: TopUpResult, checkoutURL: String?, testMode: Bool) {
    self.topUp = topUp
    self.checkoutURL = checkoutURL
    self.testMode = testMode
  }
}

/// The checkout of a payment at Mollie: the link in full and as a QR code for a phone (the
/// browser is often not on the machine Saldo runs on), followed by polling with backoff until
/// it is final; then the outcome and the new balance appear without a key press.
extension CheckoutScreen {
  /// What the keys of a remote checkout ask for.
  enum RemoteRequest: Equatable {
    case copyLink, back
  }

  /// The one table of a remote checkout's keys: the handler, the footer and `?` read it.
  static let remoteKeys = KeyTable<RemoteRequest>([
    KeyBinding(
      request: .copyLink, label: "c", footer: localized("copy link"),
      help: localized("copy the checkout link to the clipboard (OSC 52)"), keys: [.character("c")]),
    KeyBinding(
      request: .back, label: "Esc", footer: localized("back"),
      help: localized(
        "back (also q; Enter once it is final); `saldo payments sync` or this screen again records the outcome"
      ), keys: [.escape, .character("q")]),
  ])

  /// The first poll comes at once; then 2 s, doubling to at most 30 s.
  static let firstPollDelayMs: Int64 = 2_000
  static let longestPollDelayMs: Int64 = 30_000

  static func handleRemote(_ key: Key, state: inout CheckoutState) -> KeyResult {
    if key == .enter, state.settled != nil { return .back }
    guard let (request, _) = remoteKeys.lookup(key, for: .anyone) else { return .unhandled }
    switch request {
    case .copyLink:
      guard let url = state.checkoutURL else { return .handled([]) }
      return .copy(what: tr("the checkout link"), text: url)
    case .back: return .back
    }
  }

  /// The poll due at `now`, if any.
  static func poll(_ state: inout CheckoutState, now: Int64) -> [Effect] {
    guard state.isRemote, state.settled == nil, !state.following, now >= state.nextPollMs
    else { return [] }
    state.following = true
    return [.followPayment(id: state.topUp.payment.id)]
  }

  static func followed(
    _ result: Result<FollowedPayment, UIError>, state: inout CheckoutState, now: Int64
  ) -> [Effect] {
    state.following = false
    state.nextPollMs = now + state.pollDelayMs
    state.pollDelayMs = min(state.pollDelayMs * 2, longestPollDelayMs)
    switch result {
    case .success(let followed):
      state.error = nil
      state.testMode = followed.testMode
      if let url = followed.checkoutURL { state.checkoutURL = url }
      state.topUp = followed.topUp
      if followed.topUp.payment.status.isFinal {
        state.settled = followed.topUp
        return [.loadHome]
      }
    case .failure(let error):
      state.error = error.message
    }
    return []
  }

  static func renderRemote(_ state: CheckoutState, app: AppState, into grid: inout Grid) {
    let ascii = app.ascii
    let payment = state.topUp.payment
    grid.put(tr("Checkout"), at: Point(x: 1, y: 1), role: .title)
    if state.testMode {
      grid.put(tr(" TEST "), at: Point(x: 11, y: 1), role: .sandbox)
      grid.put(tr("Mollie test mode: no money moves"), at: Point(x: 18, y: 1), role: .muted)
    }
    if let settled = state.settled {
      grid.text(
        tr("\(payment.method.label) payment of \(ScreenFormat.money(payment.total, ascii: ascii))"),
        at: Point(x: 2, y: 3), width: grid.width - 4, role: .normal, ascii: ascii)
      renderSettledRemote(settled, state: state, app: app, into: &grid)
      return
    }
    let code = state.checkoutURL.flatMap { try? QRCode($0) }
    let qrSize = code?.textSize(ascii: ascii) ?? (columns: 0, rows: 0)
    let top = 3
    let bottom = grid.height - 2
    // Beside the text when there is room, else below it.
    let besides =
      code != nil && grid.width - qrSize.columns - 2 >= 30
      && qrSize.rows <= bottom - 1
    let textWidth = besides ? grid.width - qrSize.columns - 5 : grid.width - 4
    var y = top
    y += grid.wrapped(
      tr(
        "\(payment.method.label) payment of \(ScreenFormat.money(payment.total, ascii: ascii)) (credit \(ScreenFormat.money(payment.amount, ascii: ascii)) + VAT \(ScreenFormat.money(payment.vat, ascii: ascii)))"
      ),
      at: Point(x: 2, y: y), width: textWidth, role: .normal, ascii: ascii)
    y +=
      grid.wrapped(
        tr(
          "Payment \(payment.id), Mollie \(payment.checkoutReference ?? tr("(being created)"))"),
        at: Point(x: 2, y: y), width: textWidth, role: .muted, ascii: ascii) + 1
    if let url = state.checkoutURL {
      y += grid.wrapped(
        tr("Pay in a browser or scan the code with a phone:"),
        at: Point(x: 2, y: y), width: textWidth, role: .normal, ascii: ascii)
      // The link is one unbroken token: TextWrap splits it by columns and never cuts it.
      for row in TextWrap.lines(url, width: textWidth) {
        grid.put(row, at: Point(x: 2, y: y), role: .link)
        y += 1
      }
      y += 1
    } else {
      y +=
        grid.wrapped(
          tr("Asking Mollie for the checkout link…"),
          at: Point(x: 2, y: y), width: textWidth, role: .muted, ascii: ascii) + 1
    }
    y += grid.wrapped(
      tr(
        "Status: \(payment.status.label); checking again within \(max(1, state.pollDelayMs / 1000)) s"
      ),
      at: Point(x: 2, y: y), width: textWidth, role: .muted, ascii: ascii)
    if let error = state.error {
      y += grid.wrapped(error, at: Point(x: 2, y: y), width: textWidth, role: .error, ascii: ascii)
    }
    guard let code else { return }
    let origin: Point
    if besides {
      origin = Point(x: grid.width - qrSize.columns - 1, y: top - 1)
    } else if y + 1 + qrSize.rows <= bottom, qrSize.columns <= grid.width - 2 {
      origin = Point(x: 2, y: y + 1)
    } else {
      grid.wrapped(
        tr(
          "The QR code needs a terminal of at least \(qrSize.columns + 34)×\(qrSize.rows + 3) (this one is \(grid.width)×\(grid.height)); enlarge it, or open the link above."
        ),
        at: Point(x: 2, y: y + 1), width: textWidth, role: .warning, ascii: ascii)
      return
    }
    for (index, row) in code.textRows(ascii: ascii).enumerated() {
      // Dark on light whatever the theme: a phone camera reads it in both terminal modes.
      grid.put(row, at: Point(x: origin.x, y: origin.y + index), role: .button)
    }
  }

  private static func renderSettledRemote(
    _ settled: TopUpResult, state: CheckoutState, app: AppState, into grid: inout Grid
  ) {
    let ascii = app.ascii
    let payment = settled.payment
    let paid = payment.status == .paid
    grid.put(
      tr("Mollie says: \(payment.status.label)"), at: Point(x: 2, y: 5),
      role: paid ? .success : .warning)
    if paid {
      grid.wrapped(
        tr(
          "Credit \(ScreenFormat.money(payment.amount, ascii: ascii)) and bonus \(ScreenFormat.money(payment.bonus, ascii: ascii)) were added."
        )
          + (settled.invoice.map { " " + tr("Invoice \($0.number) (paid) is in the Inbox-in.") }
            ?? ""),
        at: Point(x: 2, y: 7), width: grid.width - 4, role: .normal, ascii: ascii)
    } else {
      grid.wrapped(
        tr("Nothing was charged and no credit was added; try again with Pay and upgrade."),
        at: Point(x: 2, y: 7), width: grid.width - 4, role: .normal, ascii: ascii)
    }
    if let summary = app.home?.summary {
      grid.put(tr("New balance "), at: Point(x: 2, y: 10), role: .normal)
      grid.put(
        ScreenFormat.money(summary.balance, ascii: ascii), at: Point(x: 14, y: 10),
        role: Header.role(for: summary.state))
    }
    grid.put(tr("Press Enter to return to My environment."), at: Point(x: 2, y: 12), role: .muted)
  }
}
