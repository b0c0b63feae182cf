import Foundation
import Testing

@testable import SaldoCore

@Suite struct CalendarTests {
  @Test func rfc3339RoundTrips() throws {
    let instant = try #require(Instant(rfc3339: "2026-11-24T10:15:00Z"))
    #expect(instant.rfc3339 == "2026-11-24T10:15:00Z")
    #expect(Instant(rfc3339: "2026-11-24T11:15:00+01:00") == instant)
    #expect(Instant(rfc3339: "2026-11-24T10:15:00.123Z") == instant)
    #expect(Instant(rfc3339: "2026-11-24 10:15:00z") == instant)
    for bad in [
      "2026-11-24", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "yesterday",
      "2026-11-24T25:00:00Z", "2026-11-24T10:15:00", "2026-11-24T10:15:00+0100", "",
    ] {
      #expect(Instant(rfc3339: bad) == nil, "accepted \(bad)")
    }
  }

  @Test func daysAreCountedInAmsterdam() throws {
    // 23:30 UTC on 24 Nov is 00:30 on 25 Nov in Amsterdam (CET, +1).
    let late = try #require(Instant(rfc3339: "2026-11-24T23:30:00Z"))
    #expect(Day(containing: late).iso == "2026-11-25")
    // In summer (CEST, +2) 22:30 UTC is already the next day.
    let summer = try #require(Instant(rfc3339: "2026-07-01T22:30:00Z"))
    #expect(Day(containing: summer).iso == "2026-07-02")
    #expect(Day(containing: Instant(rfc3339: "2026-07-01T21:59:59Z")!).iso == "2026-07-01")
  }

  @Test func daysAroundTheDaylightSavingChanges() throws {
    // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC; a 23-hour day.
    let march29 = try #require(Day(iso: "2026-03-29"))
    #expect(march29.start.rfc3339 == "2026-03-28T23:00:00Z")
    #expect(march29.adding(days: 1).start.rfc3339 == "2026-03-29T22:00:00Z")
    #expect(Day(containing: Instant(rfc3339: "2026-03-29T21:59:59Z")!) == march29)
    // 25 October 2026: back from 03:00 CEST to 02:00 CET at 01:00 UTC; a 25-hour day.
    let october25 = try #require(Day(iso: "2026-10-25"))
    #expect(october25.start.rfc3339 == "2026-10-24T22:00:00Z")
    #expect(october25.adding(days: 1).start.rfc3339 == "2026-10-25T23:00:00Z")
    #expect(Day(containing: Instant(rfc3339: "2026-10-25T22:59:59Z")!) == october25)
  }

  @Test func agreesWithTheSystemTimeZoneDatabase() throws {
    guard let zone = TimeZone(identifier: "Europe/Amsterdam") else {
      Issue.record("Europe/Amsterdam is not in this system's time zone database")
      return
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    // Every 37 minutes and 13 seconds across 2025-2028: day and offset must match.
    var seconds: Int64 = 1_735_689_600
    while seconds < 1_830_297_600 {
      let date = Date(timeIntervalSince1970: TimeInterval(seconds))
      let parts = calendar.dateComponents([.year, .month, .day], from: date)
      let expected = try #require(Day(year: parts.year!, month: parts.month!, day: parts.day!))
      #expect(Day(containing: Instant(seconds: seconds)) == expected, "at \(seconds)")
      #expect(
        AmsterdamTime.offsetSeconds(at: Instant(seconds: seconds)) == zone.secondsFromGMT(for: date)
      )
      seconds += 37 * 60 + 13
    }
  }

  @Test func isoDates() {
    #expect(Day(iso: "2024-02-29")?.iso == "2024-02-29")
    #expect(Day(iso: "2025-02-29") == nil)
    #expect(Day(iso: "2026-1-01") == nil)
    #expect(Day(iso: "１２３４-01-01") == nil)
    #expect(Day(number: 0).iso == "1970-01-01")
    #expect(Day(iso: "2026-11-23")?.weekday == 0)  // a Monday
  }
}
