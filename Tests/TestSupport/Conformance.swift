import Foundation

#if canImport(Glibc)
  import Glibc
#endif
import SaldoCore
import Testing

/// Finds the official validators the conformance tests run generated files through.
///
/// They are not part of the README's prerequisites, so a fresh clone anywhere skips those tests
/// with a visible reason; CI sets `SALDO_REQUIRE_CONFORMANCE=1`, under which they always run
/// and a missing validator fails them.
public enum Conformance {
  /// This file is `<package root>/Tests/TestSupport/Conformance.swift`.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  public static var required: Bool {
    ProcessInfo.processInfo.environment["SALDO_REQUIRE_CONFORMANCE"] == "1"
  }

  /// The UBL / EN 16931 / Peppol BIS 3 validator: `$SALDO_INVOICE_VALIDATOR`, else
  /// `../shared/tools/validate-invoice` beside the package.
  public static let invoiceValidator = tool("SALDO_INVOICE_VALIDATOR", "validate-invoice")
  /// The ISO 20022 pain.008.001.02 schema validator: `$SALDO_SEPA_VALIDATOR`, else
  /// `../shared/tools/validate-sepa`.
  public static let sepaValidator = tool("SALDO_SEPA_VALIDATOR", "validate-sepa")

  /// Whether the invoice conformance tests run (always under `SALDO_REQUIRE_CONFORMANCE=1`).
  public static var invoiceTestsEnabled: Bool { required || usable(invoiceValidator) }
  /// Whether the SEPA conformance tests run; they also need `xmllint`.
  public static var sepaTestsEnabled: Bool {
    required || (usable(sepaValidator) && commandExists("xmllint"))
  }

  public static let skipReason = Comment(
    rawValue: "official validator not found: set SALDO_INVOICE_VALIDATOR / SALDO_SEPA_VALIDATOR"
      + " (and install xmllint) to run these conformance tests")

  /// Whether the tests that switch between real accounts run: they need root (as CI has) and
  /// setpriv.
  public static var accountTestsEnabled: Bool {
    required || (geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"))
  }

  public static let notRootReason = Comment(
    rawValue: "switches between real accounts, which needs root and setpriv (CI runs it)")

  /// Runs a validator over files; the status and everything it printed.
  public static func run(_ validator: URL, _ paths: [String]) throws -> (
    status: Int32, output: String
  ) {
    let process = Process()
    process.executableURL = validator
    process.arguments = paths
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Validates SEPA files given as text; fails the test with the validator's words.
  public static func validateSEPA(_ xml: [String]) throws -> (status: Int32, output: String) {
    let directory = TemporaryDirectory()
    let paths = try xml.enumerated().map { index, text in
      let path = directory.file("dd-\(index).xml")
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    return try run(sepaValidator, paths)
  }

  /// Validates UBL documents given as text.
  public static func validateInvoices(_ xml: [String]) throws -> (status: Int32, output: String) {
    let directory = TemporaryDirectory()
    let paths = try xml.enumerated().map { index, text in
      let path = directory.file("invoice-\(index).xml")
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    return try run(invoiceValidator, paths)
  }

  private static func tool(_ variable: String, _ name: String) -> URL {
    if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    return packageRoot.appendingPathComponent("../shared/tools/" + name).standardizedFileURL
  }

  private static func usable(_ url: URL) -> Bool {
    FileManager.default.isExecutableFile(atPath: url.path)
  }

  static func commandExists(_ name: String) -> Bool {
    let which = Process()
    which.executableURL = URL(fileURLWithPath: "/bin/sh")
    which.arguments = ["-c", "command -v \(name)"]
    which.standardOutput = FileHandle.nullDevice
    which.standardError = FileHandle.nullDevice
    guard (try? which.run()) != nil else { return false }
    which.waitUntilExit()
    return which.terminationStatus == 0
  }
}

extension AutoUpgradeService {
  /// The file of a `sepaExport` as text, for tests that only look at it.
  public func sepaExport(day: Day) throws -> (xml: String, count: Int, total: Money) {
    let export = try sepaExport(upTo: day) { _ in }
    return (export.file.xml, export.file.count, export.file.total)
  }
}
