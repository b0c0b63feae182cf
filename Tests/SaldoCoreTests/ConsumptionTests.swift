import Testing
import TestSupport

@testable import SaldoCore

@Suite struct ConsumptionTests {
  func event(
    _ id: String?, _ kind: TransactionKind = .send, org: String = "Acme B.V.", at: String? = nil
  )
    -> ConsumptionEvent
  {
    ConsumptionEvent(
      externalID: id, organisation: org, kind: kind, at: at.flatMap(Instant.init(rfc3339:)))
  }

  @Test func chargesThePlanPriceAndKeepsTheAggregates() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    let recorder = ConsumptionRecorder(saldo: saldo, scope: fixture.environment, strict: false)
    try recorder.record([
      (1, event("a", .send)), (2, event("b", .receive)), (3, event("c", .pdf)),
      (4, event("d", .manual)),
    ])
    #expect(recorder.summary.recorded == 4)
    #expect(recorder.summary.charged == Money(mills: 171 + 341 + 512))
    let store = fixture.store
    let env = fixture.environment.id
    #expect(try store.balanceNow(env) == Money(mills: -1024))
    #expect(try store.ledgerSumNow(env) == Money(mills: -1024))
    let today = Day(containing: Fixture.now)
    let consumed = try store.read { try store.consumption(environmentID: env, days: today...today) }
    #expect(consumed == Money(mills: 1024))
    #expect(recorder.summary.blockedEnvironments == ["Acme"])
  }

  /// Each event counts on its Amsterdam day, also where a day had another offset from UTC
  /// than the event before it (the clocks went back on 25 October 2026) and when a feed jumps
  /// back to an earlier day.
  @Test func eventsAroundAClockChangeCountOnTheirAmsterdamDays() throws {
    let fixture = try Fixture()
    let recorder = ConsumptionRecorder(
      saldo: fixture.saldo(), scope: fixture.environment, strict: false)
    let times = [
      "2026-10-24T21:59:59Z",  // 23:59:59 summer time, the 24th
      "2026-10-24T22:00:00Z",  // midnight, the 25th
      "2026-10-25T00:59:59Z",  // 02:59:59 summer time
      "2026-10-25T01:00:00Z",  // 02:00:00 winter time
      "2026-10-25T22:59:59Z",  // 23:59:59 winter time
      "2026-10-25T23:00:00Z",  // midnight, the 26th
      "2026-10-24T12:00:00Z",  // back to the 24th
    ]
    try recorder.record(times.enumerated().map { ($0 + 1, event("dst-\($0)", .send, at: $1)) })
    #expect(recorder.summary.recorded == times.count)
    let store = fixture.store
    let env = fixture.environment.id
    let first = try #require(Day(year: 2026, month: 10, day: 23))
    let days = try store.read {
      try store.dailyConsumption(environmentID: env, days: first...first.adding(days: 4))
    }
    #expect(days[first] ?? .zero == .zero)
    #expect(days[first.adding(days: 1)] == Money(mills: 2 * 171))
    #expect(days[first.adding(days: 2)] == Money(mills: 4 * 171))
    #expect(days[first.adding(days: 3)] == Money(mills: 171))
    #expect(days[first.adding(days: 4)] ?? .zero == .zero)
  }

  @Test func anExternalIDIsChargedOnceHoweverOftenItIsSent() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    for _ in 0..<3 {
      let recorder = ConsumptionRecorder(saldo: saldo, scope: fixture.environment, strict: false)
      try recorder.record([(1, event("same")), (2, event("same")), (3, event("other"))])
    }
    #expect(try fixture.store.balanceNow(fixture.environment.id) == Money(mills: -342))
    #expect(try fixture.store.ledgerSumNow(fixture.environment.id) == Money(mills: -342))
  }

  @Test func membersAndOutsidersCannotRecord() throws {
    let fixture = try Fixture()
    for account in [Accounts.ben, Accounts.eve] {
      let recorder = ConsumptionRecorder(
        saldo: fixture.saldo(account), scope: fixture.environment, strict: false)
      try recorder.record([(1, event("x-\(account.login)"))])
      #expect(recorder.summary.recorded == 0)
      #expect(recorder.summary.rejected.first?.reason.contains("only administrators") == true)
    }
  }

  @Test func strictAbortsOnTheFirstBadEventAndRecordsNothing() throws {
    let fixture = try Fixture()
    let recorder = ConsumptionRecorder(
      saldo: fixture.saldo(), scope: fixture.environment, strict: true)
    #expect(throws: SaldoError.self) {
      try recorder.record([(1, event("ok")), (2, event("bad", org: "Nobody"))])
    }
    #expect(try fixture.store.ledgerSumNow(fixture.environment.id) == .zero)
  }

  @Test func futureEventsAreRejected() throws {
    let fixture = try Fixture()
    let recorder = ConsumptionRecorder(
      saldo: fixture.saldo(), scope: fixture.environment, strict: false)
    try recorder.record([(7, event("f", at: "2027-01-01T00:00:00Z"))])
    #expect(recorder.summary.rejected.map(\.line) == [7])
  }

  @Test func organisationsByIDWork() throws {
    let fixture = try Fixture()
    let org = try fixture.organisation()
    let recorder = ConsumptionRecorder(saldo: fixture.saldo(), scope: nil, strict: false)
    try recorder.record([(1, event("i", org: String(org.id))), (2, event("n", org: "Acme B.V."))])
    #expect(recorder.summary.recorded == 1)
    #expect(recorder.summary.rejected.map(\.line) == [2])
  }
}

@Suite struct ConsumptionFileReaderTests {
  func parseAll(_ text: String) -> (events: [ConsumptionEvent], errors: [RejectedLine]) {
    var reader = ConsumptionFileReader()
    var events: [ConsumptionEvent] = []
    var errors: [RejectedLine] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      do {
        if let event = try reader.parse(line: Array(line.utf8)) { events.append(event) }
      } catch { errors.append(error) }
    }
    return (events, errors)
  }

  @Test func jsonLines() {
    let result = parseAll(
      """
      {"id": "e1", "org": "Acme B.V.", "kind": "receive", "at": "2026-11-24T10:15:00Z"}
      {"id":"e2","org":7,"kind":"SEND"}

      {"id": "e3", "org": "A \\"quoted\\" \\u00e9 name", "kind": "pdf", "extra": null}
      {"id": "e4", "org": "Acme", "kind": "fax"}
      {"id": "e5", "org": "Acme", "kind": "send", "at": "yesterday"}
      {"org": "Acme", "kind": "send"}
      not json
      {"id": "e6", "org": {"nested": 1}, "kind": "send"}
      """)
    #expect(result.events.map(\.externalID) == ["e1", "e2", "e3"])
    #expect(result.events[1].organisation == "7")
    #expect(result.events[1].kind == .send)
    #expect(result.events[2].organisation == "A \"quoted\" é name")
    #expect(result.errors.map(\.line) == [5, 6, 7, 8, 9])
    #expect(result.errors[0].description.contains("unknown kind \"fax\""))
  }

  @Test func aKeyWrittenTwiceIsRefusedHoweverItIsSpelled() {
    let result = parseAll(
      """
      {"id": "d1", "org": "Acme", "kind": "send", "id": "d2"}
      {"id": "d3", "org": "Acme", "kind": "send", "\\u0069d": "d4"}
      {"id": "d5", "org": "Acme", "kind": "send", "x": 1, "x": 2}
      {"id": "d6", "org": "Acme", "kind": "send", "x": 1, "y": 2}
      {"id": "", "org": "Acme", "kind": "send"}
      """)
    #expect(result.events.map(\.externalID) == ["d6"])
    #expect(result.errors.map(\.line) == [1, 2, 3, 5])
    #expect(result.errors[0].description.contains("appears twice"))
    #expect(result.errors[1].description.contains("appears twice"))
  }

  @Test func csvWithHeaderInAnyOrderAndQuotes() {
    let result = parseAll(
      """
      kind,id,org,at
      send,c1,"Bakker, Jansen & Zn",2026-11-24T10:15:00Z
      receive,c2,Acme,
      pdf,c3,"unbalanced
      manual,,Acme,
      """)
    #expect(result.events.map(\.externalID) == ["c1", "c2"])
    #expect(result.events[0].organisation == "Bakker, Jansen & Zn")
    #expect(result.events[1].at == nil)
    #expect(result.errors.map(\.line) == [4, 5])
  }

  @Test func aFileWithoutHeaderIsRefusedAtLineOne() {
    let result = parseAll("e1,Acme,send\n")
    #expect(result.errors.map(\.line) == [1])
  }

  @Test func invalidUTF8IsReportedNotCrashed() {
    var reader = ConsumptionFileReader()
    #expect(throws: RejectedLine.self) { try reader.parse(line: [0x7B, 0xFF, 0xFE, 0x7D]) }
  }

  @Test func controlCharactersInFieldsAreRefused() {
    let result = parseAll(#"{"id": "e\u001b[2J", "org": "Acme", "kind": "send"}"#)
    #expect(result.errors.count == 1)
  }
}

/// The 100-day window is read from running sums per day; these must stay right whatever order
/// events arrive in, because a back-dated event changes every later day's running sum.
@Suite struct RunningDailyTotalTests {
  @Test func backDatedEventsKeepEveryWindowEqualToTheSumOfItsDays() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    let store = fixture.store
    let env = fixture.environment.id
    let today = Day(containing: Fixture.now)
    var random = SystemRandomNumberGenerator()
    var kinds: [TransactionKind] = [.send, .receive, .pdf]
    var batch: [(line: Int, event: ConsumptionEvent)] = []
    // Out of order on purpose: newest days first, then days in between and before them.
    for (index, offset) in ([0, 3, 1, 40, 2, 120, 0, 99, 100, 101, 7, 250, 5] as [Int64])
      .enumerated()
    {
      kinds.shuffle(using: &random)
      let at = today.adding(days: -offset).start.seconds + 3600
      batch.append(
        (
          index + 1,
          ConsumptionEvent(
            externalID: "e\(index)", organisation: "Acme B.V.", kind: kinds[0],
            at: Instant(seconds: at))
        ))
      // Several batches, so later batches back-date into days already written.
      if batch.count == 3 {
        try ConsumptionRecorder(saldo: saldo, scope: fixture.environment, strict: false)
          .record(batch)
        batch = []
      }
    }
    try ConsumptionRecorder(saldo: saldo, scope: fixture.environment, strict: false).record(batch)
    let all = today.adding(days: -300)...today
    let days = try store.read { try store.dailyConsumption(environmentID: env, days: all) }
    for start in stride(from: Int64(-300), through: 0, by: 7) {
      for length: Int64 in [0, 1, 99, 100, 150] {
        let first = today.adding(days: start)
        let last = first.adding(days: length)
        let expected = days.filter { $0.key >= first && $0.key <= last }
          .reduce(0) { $0 + $1.value.mills }
        let window = try store.read {
          try store.consumption(environmentID: env, days: first...last)
        }
        #expect(window.mills == expected, "window \(first)...\(last)")
      }
    }
    #expect(try store.read { try store.verify() }.isEmpty)
  }

  /// One batch that spans many days, with several kinds on a day, lands between days already
  /// written: every stretch between the batch's days gets what the batch added up to there.
  @Test func oneBatchOverManyDaysCarriesIntoEveryLaterDayOnce() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    let store = fixture.store
    let env = fixture.environment.id
    let today = Day(containing: Fixture.now)
    func event(_ id: String, _ offset: Int64, _ kind: TransactionKind) -> ConsumptionEvent {
      ConsumptionEvent(
        externalID: id, organisation: "Acme B.V.", kind: kind,
        at: Instant(seconds: today.adding(days: -offset).start.seconds + 600))
    }
    let history = stride(from: Int64(0), through: 200, by: 10).enumerated().map {
      ($0.offset + 1, event("h\($0.offset)", $0.element, .receive))
    }
    try ConsumptionRecorder(saldo: saldo, scope: fixture.environment, strict: false)
      .record(history)
    var batch: [(line: Int, event: ConsumptionEvent)] = []
    for (index, offset) in ([205, 150, 150, 95, 60, 60, 60, 11, 10, 3, 0] as [Int64]).enumerated() {
      let kinds: [TransactionKind] = [.send, .receive, .pdf]
      batch.append((index + 1, event("b\(index)", offset, kinds[index % kinds.count])))
    }
    try ConsumptionRecorder(saldo: saldo, scope: fixture.environment, strict: false).record(batch)
    let all = today.adding(days: -250)...today
    let days = try store.read { try store.dailyConsumption(environmentID: env, days: all) }
    for start in stride(from: Int64(-250), through: 0, by: 1) {
      let first = today.adding(days: start)
      for last in [first, today] {
        let expected = days.filter { $0.key >= first && $0.key <= last }
          .reduce(0) { $0 + $1.value.mills }
        let window = try store.read {
          try store.consumption(environmentID: env, days: first...last)
        }
        #expect(window.mills == expected, "window \(first)...\(last)")
      }
    }
    #expect(try store.read { try store.verify() }.isEmpty)
  }

  @Test func checkNoticesARunningTotalThatDisagrees() throws {
    let fixture = try Fixture()
    try ConsumptionRecorder(saldo: fixture.saldo(), scope: fixture.environment, strict: false)
      .record([
        (1, ConsumptionEvent(externalID: "a", organisation: "Acme B.V.", kind: .send, at: nil))
      ])
    try fixture.store.write {
      try fixture.store.database.execute("UPDATE daily_total SET cumulative = cumulative + 1")
    }
    let problems = try fixture.store.read { try fixture.store.verify() }
    #expect(problems.contains { $0.contains("running total") })
  }

  @Test func aDatabaseFromBeforeTheRunningTotalsGetsThemFromItsDailyTotals() throws {
    let fixture = try Fixture()
    let today = Day(containing: Fixture.now)
    let events = (0..<6).map { index in
      (
        index + 1,
        ConsumptionEvent(
          externalID: "m\(index)", organisation: "Acme B.V.", kind: .receive,
          at: today.adding(days: Int64(-index * 30)).start)
      )
    }
    try ConsumptionRecorder(saldo: fixture.saldo(), scope: fixture.environment, strict: false)
      .record(events)
    // The migrations after it run again too: take back what they made.
    let reopened = try fixture.reopened(
      rewoundBefore: Schema.dailyCumulative,
      undoing: HashedEventIDMigrationTests.rewindSQL
        + "ALTER TABLE daily_total DROP COLUMN cumulative; ALTER TABLE user DROP COLUMN language;"
        + " ALTER TABLE user DROP COLUMN language_used;"
        + " ALTER TABLE organisation DROP COLUMN language;"
        + " ALTER TABLE auto_upgrade_event DROP COLUMN message_nl;"
        + " ALTER TABLE auto_upgrade DROP COLUMN paused_reason_nl")
    #expect(try reopened.read { try reopened.verify() }.isEmpty)
    let env = fixture.environment.id
    let window = try reopened.read {
      try reopened.consumption(environmentID: env, days: today.adding(days: -100)...today)
    }
    #expect(window == Money(mills: 4 * 341))
  }
}

/// The plain-line fast path must read exactly what the full JSON parser reads, and hand every
/// line it is not sure of to that parser.
@Suite struct PlainJSONLineTests {
  static let pieces = [
    "{", "}", ",", ":", " ", "\"", "\\", "\"id\"", "\"org\"", "\"kind\"", "\"at\"", "\"x\"",
    "\"e1\"", "\"Acme B.V.\"", "\"send\"", "\"2026-11-24T10:15:00Z\"", "7", "null", "é", "\t",
  ]

  func check(_ line: String) throws {
    let bytes = Array(line.utf8)[...]
    guard let fields = ConsumptionFileReader.plainFields(bytes) else { return }
    let members = try FlatJSON.parseMembers(bytes: bytes)
    func value(_ name: String) -> String? {
      guard case .string(let s)? = members.first(where: { $0.key == name })?.value else {
        return nil
      }
      return s
    }
    func text(_ range: Range<Int>?) -> String? {
      range.map { String(decoding: bytes[$0], as: UTF8.self) }
    }
    #expect(text(fields.id) == value("id"), "\(line)")
    #expect(text(fields.org) == value("org"), "\(line)")
    #expect(text(fields.kind) == value("kind"), "\(line)")
    #expect(text(fields.at) == value("at"), "\(line)")
    #expect(
      members.count == [fields.id, fields.org, fields.kind, fields.at].compactMap { $0 }.count)
  }

  @Test func typicalLinesTakeTheFastPath() throws {
    let line = #"{"id": "e1", "org": "Acme B.V.", "kind": "send", "at": "2026-11-24T10:15:00Z"}"#
    #expect(ConsumptionFileReader.plainFields(Array(line.utf8)[...]) != nil)
    try check(line)
    for other in [
      #"{"id": "e1", "org": 7, "kind": "send"}"#, #"{"id": "e\"1", "org": "A", "kind": "send"}"#,
      #"{"id": "e1", "id": "e2", "org": "A", "kind": "send"}"#, #"{"id": "e1"} x"#,
      #"{"id": "e1", "org": "A", "kind": "send", "extra": "y"}"#, "{}",
    ] {
      #expect(ConsumptionFileReader.plainFields(Array(other.utf8)[...]) == nil, "\(other)")
    }
  }

  @Test func randomLinesReadTheSameEitherWay() throws {
    var random = SeededRandom(seed: 17)
    for _ in 0..<20_000 {
      var line = ""
      for _ in 0..<Int(random.next() % 24) {
        line += Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
      }
      try check(line)
    }
    // Well-formed lines in any key order, so the fast path is taken often.
    for _ in 0..<2_000 {
      let members = [
        "\"id\": \"e\(random.next() % 100)\"", "\"org\": \"Acme B.V.\"", "\"kind\": \"pdf\"",
        "\"at\": \"2026-11-24T10:15:00Z\"",
      ].shuffled(using: &random)
      try check("{" + members.prefix(Int(random.next() % 5)).joined(separator: ", ") + "}")
    }
  }
}
