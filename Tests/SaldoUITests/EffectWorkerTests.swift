import Foundation
import SaldoCore
import Terminal
import TestSupport
import Testing

@testable import SaldoUI

/// Effects on the worker's thread: the screen keeps drawing while the database is held by
/// another program, says why it waits, and keys pressed meanwhile act afterwards, in order.
@Suite struct EffectWorkerTests {
  /// A terminal that asks the test what to do whenever the script has run out.
  final class ScriptedTerminal: TerminalDevice {
    var size = Size(width: 80, height: 24)
    let capabilities = TerminalCapabilities(colors: .full256, unicode: true)
    var events: [TerminalEvent] = []
    var frames: [Grid] = []
    /// Called with the number of idle reads so far; its answer is the next event (nil ends).
    var whenIdle: (Int) -> TerminalEvent? = { _ in nil }
    private var idleReads = 0

    func present(_ grid: Grid) {
      frames.append(grid)
      if frames.count > 4 { frames.removeFirst() }
    }
    func setCursor(_ position: Point?) {}
    func restore() {}
    func nextEvent(timeoutMs: Int) -> TerminalEvent? {
      if !events.isEmpty { return events.removeFirst() }
      // Idle like a real terminal, a little: the worker's thread needs time to get going
      // on a busy machine.
      usleep(UInt32(min(timeoutMs, 5)) * 1000)
      idleReads += 1
      return whenIdle(idleReads)
    }
  }

  @Test func aLockedDatabaseIsShownAndKeysWaitTheirTurn() throws {
    let demo = try DemoStore(days: 30)
    let path = demo.directory.file("demo.db")
    let balanceBefore = try demo.saldo.credit.creditSummary(of: demo.environment).balance
    let paymentsBefore = try demo.saldo.payments.list(of: demo.environment).count
    // Another program writing: it holds the write lock until the test lets go.
    let other = try SQLiteStore(path: path)
    try other.database.execute("BEGIN IMMEDIATE")
    var released = false

    let signal = LockWaitSignal()
    let store = try SQLiteStore(path: path, lockWait: signal)
    let worker = try EffectWorker(
      runtime: Runtime(
        saldo: Saldo(store: store, account: Accounts.ada, clock: FixedClock(Fixture.now)),
        environment: demo.environment),
      lockWait: signal)

    let terminal = ScriptedTerminal()
    // P, Ctrl-S to review the preselected iDEAL top-up, Enter to pay: the payment is written.
    terminal.events = [.character("p"), .control("s"), .enter].map { .key($0) }
    var waitingFrames: [Grid] = []
    var readsAfterRelease = 0
    terminal.whenIdle = { reads in
      // A bound (about 15 s), so a test that goes wrong ends instead of ticking for ever.
      if reads > 3_000 { return nil }
      if released {
        readsAfterRelease += 1
        return readsAfterRelease > 5 ? nil : .tick
      }
      guard let last = terminal.frames.last, last.text().contains("waiting for the database")
      else {
        return .tick
      }
      waitingFrames.append(last)
      switch waitingFrames.count {
      case 1:
        terminal.size = Size(width: 100, height: 30)
        return .resize(terminal.size)
      case 2:
        // Enter while the booking waits: it must not book again on the review, but choose the
        // sandbox outcome (paid) on the checkout once the booking is done.
        return .key(.enter)
      default:
        try? other.database.execute("COMMIT")
        released = true
        return .tick
      }
    }
    var clock: Int64 = 0
    var (state, effects) = App.start(
      environmentName: demo.environment.name, ascii: false, size: terminal.size)
    AppLoop.run(
      terminal: terminal, state: &state, initialEffects: effects, worker: worker,
      clockMs: {
        clock += 1_000
        return clock
      })

    #expect(released, "the booking never waited for the lock")
    // The resize was drawn while the booking still waited.
    #expect(waitingFrames.count == 3)
    #expect(waitingFrames.last?.width == 100)
    // One payment, paid by the Enter pressed meanwhile, which acted on the checkout.
    let payments = try demo.saldo.payments.list(of: demo.environment)
    #expect(payments.count == paymentsBefore + 1)
    let booked = try #require(payments.first)
    #expect(booked.status == .paid)
    guard case .checkout = state.top else {
      Issue.record("expected the checkout on top, found \(state.top.title)")
      return
    }
    let after = try demo.saldo.credit.creditSummary(of: demo.environment).balance
    #expect(after.mills - balanceBefore.mills == booked.amount.mills + booked.bonus.mills)
  }
}
