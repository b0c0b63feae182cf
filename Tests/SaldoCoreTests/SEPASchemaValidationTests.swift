import Foundation
import Testing
import TestSupport

@testable import SaldoCore

/// Runs generated files through the ISO 20022 schema with the shared `validate-sepa` tool.
///
/// Without the validator (not a prerequisite of the README) the suite is skipped with its
/// reason; under `SALDO_REQUIRE_CONFORMANCE=1` (CI) a missing validator or `xmllint` fails it.
@Suite(.enabled(if: Conformance.sepaTestsEnabled, Conformance.skipReason))
struct SEPASchemaValidationTests {
  /// This file is `<package root>/Tests/SaldoCoreTests/…`.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let validator = Conformance.sepaValidator

  struct Outcome {
    let status: Int32
    let output: String
  }

  static func validate(_ files: [String: String]) throws -> Outcome {
    let ordered = files.sorted(by: { $0.key < $1.key }).map(\.value)
    let (status, output) = try Conformance.validateSEPA(ordered)
    return Outcome(status: status, output: output)
  }

  /// Fails (never skips) when the tools are not there, saying how to get them.
  static func requireTools() throws {
    try #require(
      FileManager.default.isExecutableFile(atPath: validator.path),
      "SEPA schema validator not found or not executable at \(validator.path)")
    let which = Process()
    which.executableURL = URL(fileURLWithPath: "/bin/sh")
    which.arguments = ["-c", "command -v xmllint"]
    which.standardOutput = FileHandle.nullDevice
    try which.run()
    which.waitUntilExit()
    try #require(
      which.terminationStatus == 0,
      "xmllint is missing; install it with: apt-get install -y libxml2-utils")
  }

  static func spread() throws -> [String: String] {
    typealias F = SEPAFixture
    var files: [String: String] = [:]
    files["single-first-with-bics"] = try F.file([
      F.collection(1, cents: 1, type: .first, bic: "RABONL2U")
    ]).xml()
    files["mixed-first-recurring"] = try F.file([
      F.collection(1, type: .recurring), F.collection(2, type: .first),
      F.collection(3, type: .recurring), F.collection(4, cents: 99, type: .first),
    ]).xml()
    files["all-sequence-types"] = try F.file(
      SEPASequenceType.allCases.enumerated().map { index, type in
        try F.collection(index + 1, type: type, bic: "DEUTDEFF500")
      }
    ).xml()
    files["hostile-text"] = try F.file([
      F.collection(
        1, name: "&<>\"' José Müller 中文 😀\u{0}\u{7}" + String(repeating: "é", count: 10_000),
        remittance: "<Invoice> & \"2026-42\"\r\n" + String(repeating: "ß中", count: 5_000)),
      F.collection(2, name: "O'Brien & Zoon (Ærø)", remittance: "中文"),
    ]).xml()
    files["maximum-lengths"] = try SEPADirectDebitFile(
      messageID: String(repeating: "M", count: 35), createdAt: F.createdAt,
      collectionDate: F.collectionDate,
      creditor: SEPACreditor(
        name: String(repeating: "C", count: 200), iban: IBAN(stored: "NL91ABNA0417164300"),
        creditorID: SEPACreditorID("DE98ZZZ09999999999")),
      collections: [
        SEPACollection(
          endToEndID: String(repeating: "E", count: 35), amount: SEPACollection.maximumAmount,
          mandateID: try MandateReference.parse("+?:().,' -" + String(repeating: "m", count: 25)),
          mandateSignedOn: F.collectionDate, debtorName: String(repeating: "D", count: 71),
          debtorIBAN: try IBAN.parse("MT84 MALT 0110 0001 2345 MTLC AST0 01S"),
          sequenceType: .oneOff,
          remittanceInformation: String(repeating: "R", count: 141))
      ]
    ).xml()
    files["many-collections"] = try F.file(
      (1...500).map { n in
        try F.collection(
          n, cents: Int64(n * 7_919 % 1_000_000 + 1), type: n % 4 == 0 ? .first : .recurring)
      }
    ).xml()
    return files
  }

  @Test func generatedFilesPassTheOfficialSchema() throws {
    try Self.requireTools()
    let files = try Self.spread()
    let outcome = try Self.validate(files)
    #expect(outcome.status == 0, "validate-sepa said:\n\(outcome.output)")
    #expect(outcome.output.components(separatedBy: "valid: ").count - 1 == files.count)
  }

  /// Guards against a validator that passes everything: a broken file must be refused.
  @Test func theValidatorRefusesABrokenFile() throws {
    try Self.requireTools()
    let good = try SEPAFixture.file([SEPAFixture.collection(1)]).xml()
    let broken = good.replacingOccurrences(of: "<PmtMtd>DD</PmtMtd>", with: "<PmtMtd>XX</PmtMtd>")
    #expect(broken != good)
    let outcome = try Self.validate(["broken": broken])
    #expect(outcome.status == 1, "validate-sepa said:\n\(outcome.output)")
  }
}
