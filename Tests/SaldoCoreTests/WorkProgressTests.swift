import Testing

@testable import SaldoCore

@Suite struct WorkProgressTests {
  let second: UInt64 = 1_000_000_000

  @Test func aLineSaysCountRatePercentAndTimeLeft() {
    let meter = ProgressMeter(noun: "events", start: 5 * second)
    let text = meter.text(
      for: WorkProgress(items: 250_000, position: 25, total: 100), at: 7 * second)
    #expect(text == "250.000 events · 125.000/s · 25% · ETA 0:06")
  }

  @Test func withoutAKnownWholeThereIsNoPercentNorTimeLeft() {
    let meter = ProgressMeter(noun: "rows", start: 0)
    #expect(meter.text(for: WorkProgress(items: 1500), at: 3 * second) == "1.500 rows · 500/s")
  }

  @Test func theFirstFifthOfASecondShowsNoRate() {
    let meter = ProgressMeter(noun: "rows", start: 0)
    #expect(
      meter.text(for: WorkProgress(items: 10, position: 1, total: 4), at: second / 10)
        == "10 rows · 25%")
  }

  @Test func redrawsAtMostTenTimesASecond() {
    var meter = ProgressMeter(noun: "events", start: 0)
    var shown = 0
    // A report every millisecond for two seconds.
    for millisecond in 0..<2000 {
      let now = UInt64(millisecond) * 1_000_000
      if meter.line(for: WorkProgress(items: Int64(millisecond)), at: now) != nil { shown += 1 }
    }
    #expect(shown == 20)
  }

  @Test func longWorkShowsHoursAndAPercentNeverAboveAHundred() {
    #expect(ProgressMeter.duration(seconds: 3723) == "1:02:03")
    #expect(ProgressMeter.duration(seconds: 59) == "0:59")
    #expect(WorkProgress(items: 1, position: 120, total: 100).percent == 100)
  }
}
