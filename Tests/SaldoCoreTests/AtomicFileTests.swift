import Foundation
import Testing
import TestSupport

@testable import SaldoCore

@Suite struct AtomicFileTests {
  func mode(_ path: String) -> mode_t {
    var info = stat()
    lstat(path, &info)
    return info.st_mode & 0o777
  }

  @Test func newFilesAreOwnerOnlyWhateverTheUmask() throws {
    let directory = TemporaryDirectory()
    let old = umask(0o022)
    defer { umask(old) }
    try AtomicFile.write("x", to: directory.file("a.xml"))
    #expect(mode(directory.file("a.xml")) == 0o600)
    try AtomicFile.write("x", to: directory.file("b.xml"), mode: 0o640)
    #expect(mode(directory.file("b.xml")) == 0o640)
  }

  @Test func anExistingFileIsReplacedOnlyWhenAsked() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("out.xml")
    try AtomicFile.write("one", to: path)
    do {
      try AtomicFile.write("two", to: path)
      Issue.record("replaced without asking")
    } catch {
      #expect(error.targetExists)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
    try AtomicFile.write("two", to: path, replace: true)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
  }

  @Test func plantedSymlinksAreNeverFollowed() throws {
    let directory = TemporaryDirectory()
    let victim = directory.file("victim")
    try "precious".write(toFile: victim, atomically: false, encoding: .utf8)
    // The old predictable temporary names, and the target itself, as links to the victim.
    for pid in [getpid(), getpid() + 1] {
      symlink(victim, directory.file("out.xml.tmp-\(pid)"))
    }
    symlink(victim, directory.file("link.xml"))
    try AtomicFile.write("export", to: directory.file("out.xml"))
    #expect(throws: AtomicFile.WriteError.self) {
      try AtomicFile.write("export", to: directory.file("link.xml"))
    }
    try AtomicFile.write("export", to: directory.file("link.xml"), replace: true)
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
    #expect(try String(contentsOfFile: directory.file("link.xml"), encoding: .utf8) == "export")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty)
  }

  @Test func twoDatabasesInOneFolderNeverShareAMailFile() throws {
    let directory = TemporaryDirectory()
    let outbox = directory.file("outbox")
    var names: Set<String> = []
    for name in ["saldo.db", "demo.db"] {
      let store = try SQLiteStore(path: directory.file(name), create: true)
      let saldo = Saldo(store: store, account: Accounts.ada, clock: FixedClock(Fixture.now))
      let environment = try saldo.directory.initialize(
        environment: "Acme", organisation: "Acme B.V.", email: "ada@acme.example",
        details: Fixture.acmeDetails)
      try saldo.platform.setSeller(.demo)
      _ = try saldo.topUps.topUp(
        TopUpRequest(
          environment: environment, amount: Money(mills: 100_000), method: .invoice,
          organisation: nil, orderNumber: nil, idempotencyKey: TopUpService.newIdempotencyKey()))
      let report = try saldo.mail.deliverOutbox(via: FolderTransport(directory: outbox))
      #expect(report.sent >= 1)
      let files = Set(try FileManager.default.contentsOfDirectory(atPath: outbox))
      #expect(files.isSuperset(of: names))
      #expect(files.count > names.count)
      names = files
    }
    #expect(names.allSatisfy { $0.hasSuffix(".eml") && mode(outbox + "/" + $0) == 0o600 })
  }

  @Test func amountsWithThreeDigitsAfterOneSeparator() throws {
    #expect(throws: AmountError.ambiguous("1.000", thousands: "1000", decimal: "1.00")) {
      try MoneyFormat.parse("1.000", reading: .commandLine)
    }
    #expect(throws: AmountError.ambiguous("1,000", thousands: "1000", decimal: "1,00")) {
      try MoneyFormat.parse("1,000", reading: .commandLine)
    }
    #expect(throws: AmountError.tooManyDecimals(2)) {
      try MoneyFormat.parse("1,000", reading: .dialog)
    }
    #expect(try MoneyFormat.parse("1.000", reading: .dialog) == Money(mills: 1_000_000))
    #expect(try MoneyFormat.parse("2.500", reading: .dialog) == Money(mills: 2_500_000))
    #expect(try MoneyFormat.parse("1.000,00") == Money(mills: 1_000_000))
    #expect(try MoneyFormat.parse("1000") == Money(mills: 1_000_000))
    #expect(try MoneyFormat.parseExact("1.000") == Money(mills: 1_000))
  }
}
