import Foundation
import Testing
import TestSupport

/// The real binary in a real terminal (tmux): the way an administrator uses it over SSH.
@Suite(.serialized) struct TUIEndToEndTests {
  /// `€ 1.234,56` → 123456 cents.
  static func cents(_ text: some StringProtocol) -> Int? {
    let digits = String(text.filter { $0.isNumber || $0 == "-" })
    return Int(digits)
  }

  /// The amount at the end of the first row: the balance in the top-right corner.
  static func headerBalance(_ screen: String) -> Int? {
    guard let first = screen.split(separator: "\n").first,
      let range = first.range(of: "Balance € ")
    else { return nil }
    return cents(first[range.upperBound...])
  }

  @Test func payByInvoiceResizeAndQuit() throws {
    let directory = TemporaryDirectory()
    let environment = [
      "LC_ALL=C.UTF-8", "TZ=UTC", "TERM=xterm-256color", "NO_COLOR=",
      "XDG_CONFIG_HOME=\(directory.path)/config", "XDG_DATA_HOME=\(directory.path)/data",
    ].joined(separator: " ")
    let command =
      "cd \(directory.path) && env \(environment) \(SaldoProcess.executable) demo --db "
      + "\(directory.file("demo.db")); echo SALDO-EXIT=$?; "
      + "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 60"
    let tmux: TmuxSession
    do {
      tmux = try TmuxSession(shellCommand: command, width: 100, height: 30)
    } catch {
      Issue.record(Comment(rawValue: "\(error)"))
      return
    }
    defer { tmux.kill() }

    let home = try tmux.waitFor("[ Pay and upgrade (P) ]", timeout: 60)
    let before = try #require(Self.headerBalance(home), "no balance in:\n\(home)")

    try tmux.send("p")
    try tmux.waitFor("Amount (excl. VAT)")
    try tmux.type("1234,56")
    try tmux.send("Tab", "Down", "Down", "Tab", "Right", "Tab")
    try tmux.type("PO-E2E")
    try tmux.waitFor("PO-E2E")
    try tmux.send("Enter")
    try tmux.waitFor("[ Review (R) ]")
    try tmux.send("Enter")
    try tmux.waitFor("Review before paying")
    // A double Enter books once; the second press must not close the receipt.
    try tmux.send("Enter", "Enter")
    var done = try tmux.waitFor("Topped up by invoice.")
    usleep(600_000)
    done = try tmux.waitFor("Topped up by invoice.")
    let after = try #require(Self.headerBalance(done))
    #expect(after - before == 123_456 + 7_500, "bonus € 75,00 for € 1.000 and more")
    let line = try #require(
      done.split(separator: "\n").first { $0.contains("is in the Inbox-in of") })
    #expect(line.contains("Studio Noord V.O.F."))
    let number = try #require(line.split(separator: " ").dropFirst().first.map(String.init))

    try tmux.send("Enter")
    try tmux.waitFor("Latest transactions")
    try tmux.send("Down", "Enter")
    let inbox = try tmux.waitFor("Inbox-in of Studio Noord V.O.F.")
    #expect(inbox.contains("* " + number), "unread invoice marked:\n\(inbox)")
    #expect(inbox.contains("PO-E2E"))

    try tmux.resize(width: 60, height: 20)
    try tmux.waitFor("Terminal too small")
    try tmux.resize(width: 100, height: 30)
    let restored = try tmux.waitFor("Inbox-in of Studio Noord V.O.F.")
    #expect(!restored.contains("Terminal too small"))
    #expect(restored.contains("* " + number))

    try tmux.send("q")
    try tmux.waitFor("[ Pay and upgrade (P) ]")
    try tmux.send("q")
    let shell = try tmux.waitFor("SALDO-EXIT=0")
    let modes = try tmux.waitFor("icanon")
    #expect(modes.contains("icanon") && !modes.contains("-icanon"), "\(shell)")
    #expect(modes.contains("echo") && !modes.contains("-echo "), "\(shell)")
    #expect(!shell.contains("Pay and upgrade"), "the app's screen is gone after quitting")
  }
}
