import Foundation
import Testing
import TestSupport

/// The journeys of issue 13 in the real binary in tmux, at 80×24: review then pay with a
/// double Enter and an abandoned checkout resumed from the payments view, End and a search on
/// 200,000 transactions, Ctrl-Z and fg, a resize in the middle of a dialog.
@Suite(
  .serialized, .tags(.slow), .enabled(if: Slow.enabled, Slow.reason),
  .enabled(if: TmuxSession.executable != nil || Conformance.required, "needs tmux"))
struct TUIJourneyTests {
  let directory = TemporaryDirectory()
  var db: String { directory.file("demo.db") }

  /// The environment of every run; TERM is tmux's own, so keys such as End arrive as it
  /// encodes them.
  var environment: String {
    [
      "LC_ALL=C.UTF-8", "TZ=UTC", "NO_COLOR=", "XDG_CONFIG_HOME=\(directory.path)/config",
      "XDG_DATA_HOME=\(directory.path)/data",
    ].joined(separator: " ")
  }

  func demo() throws {
    let made = try SaldoProcess.run(["demo", "--db", db, "--no-open"])
    #expect(made.status == 0, "\(made.stderr)")
  }

  func open(_ command: String? = nil) throws -> TmuxSession {
    let run = command ?? "env \(environment) \(SaldoProcess.executable) --db \(db)"
    let tmux = try TmuxSession(
      shellCommand: "cd \(directory.path) && \(run); echo SALDO-EXIT=$?; sleep 60", width: 80,
      height: 24)
    try tmux.waitFor("[ Pay and upgrade (P) ]", timeout: 60)
    return tmux
  }

  /// A double Enter on the review books once and does not act on the checkout; Esc leaves
  /// the payment open, the payments view resumes it and the sandbox settles it.
  @Test func reviewThenPayWithADoubleEnterAndResumeTheAbandonedCheckout() throws {
    try demo()
    let tmux = try open()
    defer { tmux.kill() }
    try tmux.send("p")
    try tmux.waitFor("Amount (excl. VAT)")
    try tmux.send("C-s")
    try tmux.waitFor("Review before paying")
    try tmux.send("Enter", "Enter")
    try tmux.waitFor("Choose what the payment provider reports")
    usleep(600_000)
    let checkout = try tmux.capture()
    #expect(!checkout.contains("Outcome:"), "the second Enter chose an outcome:\n\(checkout)")
    try tmux.send("Escape")
    try tmux.waitFor("1 open payment")
    try tmux.send("$")
    let payments = try tmux.waitFor("resume checkout")
    #expect(payments.contains("open"), "\(payments)")
    try tmux.send("Enter")
    try tmux.waitFor("Choose what the payment provider reports")
    try tmux.send("Enter")
    try tmux.waitFor("Outcome: paid")
    // Keys within 300 ms of the booking are ignored, on purpose.
    usleep(400_000)
    try tmux.send("Enter")
    // Back where the checkout was resumed from: the payments view, the payment now paid.
    let paid = try tmux.waitFor("Payments")
    #expect(!paid.contains(" open "), "\(paid)")
    try tmux.send("q")
    let home = try tmux.waitFor("[ Pay and upgrade (P) ]")
    #expect(!home.contains("open payment"), "\(home)")
  }

  /// End reaches the oldest of 200,000 rows in one query, `/` finds a row far from both ends
  /// through the core, Home is back at the newest.
  @Test func endAndSearchOnTwoHundredThousandTransactions() throws {
    try demo()
    var csv = "id,org,kind,at\n"
    let start = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01
    let format = ISO8601DateFormatter()
    for index in 0..<170_000 {
      csv +=
        "bulk-\(index),Studio Noord V.O.F.,send,"
        + format.string(from: start.addingTimeInterval(Double(index) * 120)) + "\n"
    }
    try csv.write(toFile: directory.file("bulk.csv"), atomically: true, encoding: .utf8)
    let consumed = try SaldoProcess.run(
      ["--db", db, "consume", "--file", directory.file("bulk.csv")])
    #expect(consumed.status == 0, "\(consumed.stderr)")
    let tmux = try open()
    defer { tmux.kill() }
    try tmux.send("t")
    let first = try tmux.waitFor("row 1 of ")
    let total = try #require(
      first.split(separator: "\n")[1].components(separatedBy: "row 1 of ").last?
        .trimmingCharacters(in: .whitespaces))
    #expect(total.hasPrefix("200."), "\(first)")
    try tmux.send("End")
    try tmux.waitFor("row \(total) of \(total)", timeout: 10)
    try tmux.send("/")
    try tmux.type("bulk-169998")
    try tmux.send("Enter")
    let found = try tmux.waitFor("bulk-169998  Studio")
    let selected = try #require(
      found.split(separator: "\n").first { $0.contains("bulk-169998  Studio") })
    #expect(selected.contains("2025-08-25"), "\(found)")
    try tmux.send("Escape", "Home")
    try tmux.waitFor("row 1 of \(total)")
  }

  /// Ctrl-Z gives the shell back; fg repaints the whole screen.
  @Test func ctrlZSuspendsAndFgRepaints() throws {
    try demo()
    let tmux = try TmuxSession(
      shellCommand: "env PS1='PROMPT> ' bash --norc --noprofile -i", width: 80, height: 24)
    defer { tmux.kill() }
    try tmux.type(
      "cd \(directory.path) && env \(environment) \(SaldoProcess.executable) --db \(db)")
    try tmux.send("Enter")
    try tmux.waitFor("[ Pay and upgrade (P) ]", timeout: 60)
    try tmux.send("C-z")
    let shell = try tmux.waitFor("Stopped")
    #expect(!shell.contains("Latest transactions"), "\(shell)")
    try tmux.type("clear; fg")
    try tmux.send("Enter")
    let back = try tmux.waitFor("Latest transactions")
    #expect(back.contains("[ Pay and upgrade (P) ]"))
    try tmux.type("q")
    usleep(500_000)
    // capture-pane trims the prompt's trailing space.
    let after = try tmux.waitFor("PROMPT>")
    #expect(!after.contains("Latest transactions"), "\(after)")
  }

  /// A resize in the middle of a dialog keeps what was typed; back at 80×24 the dialog is
  /// whole again and q still asks before throwing the input away.
  @Test func resizeDuringADialogKeepsItsInput() throws {
    try demo()
    let tmux = try open()
    defer { tmux.kill() }
    try tmux.send("p")
    try tmux.waitFor("Amount (excl. VAT)")
    try tmux.type("777")
    try tmux.waitFor("777")
    try tmux.resize(width: 60, height: 20)
    try tmux.waitFor("Terminal too small")
    try tmux.resize(width: 80, height: 24)
    let dialog = try tmux.waitFor("Amount (excl. VAT)")
    #expect(dialog.contains("777") && !dialog.contains("Terminal too small"), "\(dialog)")
    try tmux.send("Escape")
    try tmux.waitFor("Discard the top-up you started?")
    try tmux.send("y")
    try tmux.waitFor("[ Pay and upgrade (P) ]")
  }

  /// vt100 has no alternate screen: without clearing, the last frame would stay in the
  /// shell's scrollback view after quitting.
  @Test func aTerminalWithoutAnAlternateScreenIsClearedOnExit() throws {
    try demo()
    let tmux = try open("env \(environment) TERM=vt100 \(SaldoProcess.executable) --db \(db)")
    defer { tmux.kill() }
    try tmux.send("q")
    let shell = try tmux.waitFor("SALDO-EXIT=0")
    #expect(
      !shell.contains("Latest transactions") && !shell.contains("Pay and upgrade"),
      "\(shell)")
  }
}
