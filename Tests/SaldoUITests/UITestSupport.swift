import Foundation
import SaldoCore
import Terminal
import TestSupport
import Testing

@testable import SaldoUI

/// A store holding the demo environment, built at the fixture's fixed instant, so every
/// screen drawn from it is the same on every run.
final class DemoStore {
  let directory = TemporaryDirectory()
  let store: SQLiteStore
  let saldo: Saldo
  let environment: Environment

  init(days: Int = 120, account: SystemAccount = Accounts.ada) throws {
    store = try SQLiteStore(path: directory.file("demo.db"), create: true)
    let builder = Saldo(store: store, account: Accounts.ada, clock: FixedClock(Fixture.now))
    environment = try DemoEnvironment.build(builder, days: days).environment
    saldo = Saldo(store: store, account: account, clock: FixedClock(Fixture.now))
  }

  func saldo(as account: SystemAccount) -> Saldo {
    Saldo(store: store, account: account, clock: FixedClock(Fixture.now))
  }

  func runtime(as account: SystemAccount = Accounts.ada) -> Runtime {
    Runtime(saldo: saldo(as: account), environment: environment)
  }

  func organisation(_ index: Int) throws -> Organisation {
    try saldo.directory.organisations(of: environment)[index]
  }
}

/// A state with effects performed by a runtime: the screens as a person sees them, minus the
/// terminal.
struct Session {
  var state: AppState
  let runtime: Runtime

  init(
    runtime: Runtime, size: Size = Size(width: 80, height: 24), ascii: Bool = false,
    invoiceNumber: String? = nil
  ) {
    let (state, effects) = App.start(
      environmentName: runtime.environment.name, ascii: ascii, size: size,
      invoiceNumber: invoiceNumber)
    self.state = state
    self.runtime = runtime
    AppLoop.perform(effects, state: &self.state, runtime: runtime)
  }

  /// Sends events and performs what they cause; returns every effect, for assertions.
  @discardableResult
  mutating func send(_ events: AppEvent...) -> [Effect] {
    var all: [Effect] = []
    for event in events {
      var queue = App.update(&state, event)
      while !queue.isEmpty {
        let effect = queue.removeFirst()
        all.append(effect)
        queue += App.update(&state, runtime.perform(effect))
      }
    }
    return all
  }

  @discardableResult
  mutating func press(_ keys: Key...) -> [Effect] {
    keys.flatMap { send(.key($0)) }
  }

  @discardableResult
  mutating func type(_ text: String) -> [Effect] {
    text.flatMap { send(.key(.character($0))) }
  }

  /// Lets time pass, as the loop's clock would between keys.
  mutating func wait(ms: Int64) { state.nowMs += ms }

  var screen: String { App.render(state).grid.text() }
}

/// Compares the rendered state with its golden file.
func assertScreen(
  _ state: AppState, suite: String, name: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let grid = App.render(state).grid
  GoldenSnapshot.assertMatches(
    GoldenSnapshot.render(text: grid.textLines(), roles: grid.roleLines()), suite: suite,
    name: name, sourceLocation: sourceLocation)
}

func assertGrid(
  _ grid: Grid, suite: String, name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  GoldenSnapshot.assertMatches(
    GoldenSnapshot.render(text: grid.textLines(), roles: grid.roleLines()), suite: suite,
    name: name, sourceLocation: sourceLocation)
}

extension LedgerEntry {
  /// A consumption row with only an id that matters, for window tests.
  static func sample(_ id: Int64) -> LedgerEntry {
    LedgerEntry(
      id: id, environmentID: 1, organisationID: 1, kind: .consumption, transactionKind: .send,
      amount: Money(mills: -171), at: Instant(seconds: 1_795_518_000 - id), reference: nil,
      actor: "feed")
  }
}
