/// Faults stay inside one environment: a failure while deciding or making one environment's
/// automatic upgrade is undone on its own, recorded for that environment (an event and an alert
/// e-mail to its administrators), and never rolls back consumption, never stops the daily job
/// for the other environments, and never stops mail delivery.
extension AutoUpgradeService {
  /// The automatic-upgrade decision and the alerts for one environment, inside the caller's
  /// write transaction, with a fault contained (see above). Rethrows only when the store
  /// itself cannot be written (busy, full, read-only): then nothing can be recorded anyway.
  func containedAutoUpgrade(_ environment: Environment, on day: Day) throws -> AutoUpgradeAction {
    do {
      return try store.contained {
        let action = try runAutoUpgrade(environment, on: day)
        // Alerts speak of the credit now, also when an operator catches up a past day.
        try evaluateAlerts(
          environment,
          summary: try core.credit.unauthorisedCreditSummary(
            of: environment, on: Day(containing: clock.now())))
        return action
      }
    } catch let error as StoreError where error.isEnvironmental {
      throw error
    } catch {
      let reason = Self.faultReason(error)
      try store.contained { try recordUpgradeFault(environment, on: day, reason: reason) }
      return .failed(reason)
    }
  }

  /// `daily`, but a fault in one environment is recorded for it and the others go on. The
  /// sweep runs in one pass as usual; only when it stops on a fault is it taken again one
  /// environment at a time.
  public func containedDaily(on day: Day? = nil, only: Environment? = nil) throws
    -> [DailyReport]
  {
    do {
      return try daily(on: day, only: only)
    } catch let error as SaldoError {
      throw error
    } catch let error as StoreError where error.isEnvironmental {
      throw error
    } catch {
      let today = day ?? Day(containing: clock.now())
      let environments = try dailyEnvironments(only: only)
      return try environments.map { environment in
        do {
          return try daily(on: today, only: environment).first
            ?? DailyReport(
              environment: environment, day: today,
              summaryBefore: try core.credit.unauthorisedCreditSummary(of: environment, on: today),
              action: .notDue, balanceAfter: .zero)
        } catch let error as StoreError where error.isEnvironmental {
          throw error
        } catch {
          let reason = Self.faultReason(error)
          try store.write { try recordUpgradeFault(environment, on: today, reason: reason) }
          let summary = try store.read {
            try core.credit.unauthorisedCreditSummary(of: environment, on: today)
          }
          return DailyReport(
            environment: environment, day: today, summaryBefore: summary,
            action: .failed(reason), balanceAfter: summary.balance)
        }
      }
    }
  }

  static func faultReason(_ error: Error) -> String {
    if let error = error as? SaldoError { return error.description }
    return "an internal error stopped it (\(error)); top up by hand meanwhile"
  }

  private func recordUpgradeFault(_ environment: Environment, on day: Day, reason: String) throws {
    try store.addAutoUpgradeEvent(
      environmentID: environment.id,
      event: AutoUpgradeEvent(at: clock.now(), kind: .failed, message: reason))
    let short = Sanitize.line(environment.name, limit: 60)
    let name = environment.name
    try notifyAdministrators(environment, key: "auto-fault:\(environment.id):\(day.iso)") {
      MailText(
        subject: tr("Automatic upgrade of \(short) failed", $0),
        body: tr(
          """
          The automatic upgrade of \(name) could not run on \(day.iso): \(reason).

          Top up by hand with Pay and upgrade (or `saldo topup`).
          """, $0))
    }
  }
}
