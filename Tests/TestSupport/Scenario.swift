import Foundation
import SaldoCore

/// A database prepared through the real binary: an environment with invoice data, seller data,
/// history that makes an automatic upgrade due, and the upgrade switched on.
public enum Scenario {
  public static func prepare(db: String, environment: [String: String] = [:]) throws {
    func run(_ arguments: [String]) throws {
      let result = try SaldoProcess.run(["--db", db] + arguments, environment: environment)
      guard result.status == 0 else {
        throw ScenarioError(description: "\(arguments.prefix(2)) failed: \(result.stderr)")
      }
    }
    try run(["init", "--env", "Acme", "--org", "Acme B.V.", "--email", "ada@acme.example"])
    try run([
      "org", "set", "Acme B.V.", "--street", "Keizersgracht 1", "--postcode", "1015 CJ",
      "--city", "Amsterdam", "--country", "NL", "--kvk", "12345678", "--vat", "NL628194821B01",
      "--peppol", "0106:12345678",
    ])
    try run([
      "seller", "set", "--name", "Platform B.V.", "--iban", "NL91ABNA0417164300",
      "--creditor-id", "NL69ZZZ123456780000", "--street", "Stationsplein 45", "--postcode",
      "3511 ED", "--city", "Utrecht", "--country", "NL", "--kvk", "87654321", "--vat",
      "NL121547280B01", "--peppol", "0106:87654321", "--email", "billing@platform.example",
    ])
    try run([
      "auto-upgrade", "set", "--amount", "100", "--holder", "Acme B.V.", "--iban",
      "NL91ABNA0417164300", "--mandate-id", "ACME-1", "--mandate-date", "2026-01-01", "--org",
      "Acme B.V.",
    ])
  }

  /// JSON lines of `count` receive events spread over the last 90 days, ids `prefix0…`.
  public static func events(count: Int, prefix: String, path: String) throws {
    let now = Int64(Date().timeIntervalSince1970)
    var lines: [String] = []
    lines.reserveCapacity(count)
    for n in 0..<count {
      let at = Instant(seconds: now - Int64(1 + n % 90) * 86_400 - Int64(n % 3600))
      lines.append(
        "{\"id\": \"\(prefix)\(n)\", \"org\": \"Acme B.V.\", \"kind\": \"receive\", \"at\": \"\(at.rfc3339)\"}"
      )
    }
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
  }

  public struct ScenarioError: Error, CustomStringConvertible {
    public let description: String
  }
}
