import Foundation
import Testing

extension Tag {
  /// Suites that take seconds each (hundreds of processes killed, concurrent writers, long
  /// random sequences): `SALDO_QUICK=1 swift test` leaves them out for a quick loop; the
  /// README's test command and CI run them.
  @Tag public static var slow: Self
}

/// The trait of a slow suite: tagged, and skipped with its reason under `SALDO_QUICK=1`.
public enum Slow {
  public static var enabled: Bool {
    ProcessInfo.processInfo.environment["SALDO_QUICK"] != "1"
      || ProcessInfo.processInfo.environment["SALDO_REQUIRE_CONFORMANCE"] == "1"
  }

  public static let reason = Comment(rawValue: "slow suite left out by SALDO_QUICK=1")
}
