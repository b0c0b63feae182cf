import SaldoCore
import Terminal
import TestSupport
import Testing

@testable import SaldoUI

/// Keys about the terminal itself, handled by the loop: Ctrl-Z, Ctrl-L, the clipboard.
@Suite struct TerminalMannersTests {
  func run(_ keys: [Key], demo: DemoStore, invoice: String? = nil) -> (MemoryTerminal, AppState) {
    let terminal = MemoryTerminal()
    terminal.enqueue(keys: keys)
    var (state, effects) = App.start(
      environmentName: demo.environment.name, ascii: false, size: terminal.size,
      invoiceNumber: invoice)
    AppLoop.run(
      terminal: terminal, state: &state, initialEffects: effects, runtime: demo.runtime(),
      clockMs: { 0 })
    return (terminal, state)
  }

  @Test func ctrlZSuspendsAndCtrlLRepaintsWithoutTouchingTheScreens() throws {
    let demo = try DemoStore()
    let (terminal, state) = run([.control("z"), .control("l"), .down], demo: demo)
    #expect(terminal.suspendCount == 1 && terminal.fullRedrawCount == 1)
    guard case .myEnvironment(let screen) = state.stack[0] else {
      Issue.record("expected the myEnvironment screen, found \(state.stack[0])")
      return
    }
    #expect(screen.selectedOrganisation == 1)
  }

  @Test func cOnAnInvoiceCopiesTheIBANAndTheReference() throws {
    let demo = try DemoStore()
    let number = try #require(try demo.saldo.invoices.inbox(of: demo.organisation(0)).first?.number)
    let invoice = try demo.saldo.invoices.invoice(number: number)
    let (terminal, state) = run([.character("c")], demo: demo, invoice: number)
    #expect(terminal.clipboard.count == 1)
    #expect(terminal.clipboard.first?.hasSuffix(invoice.paymentReference) == true)
    #expect(terminal.clipboard.first?.hasPrefix("NL") == true)
    #expect(state.message?.kind == .success)
  }

  @Test func aFreshEnvironmentSaysWhyTheChartIsEmpty() throws {
    let fixture = try Fixture()
    let session = Session(
      runtime: Runtime(saldo: fixture.saldo(), environment: fixture.environment))
    #expect(session.screen.contains("No consumption yet"))
    #expect(session.screen.contains("`saldo consume --file FILE`"))
  }
}
