/// TARGET2 business days: the days the euro payment system settles SEPA collections.
/// Closed on Saturdays, Sundays, 1 January, Good Friday, Easter Monday, 1 May, 25 and
/// 26 December (the ECB's published closing days, the same every year).
public enum TargetCalendar {
  /// SEPA Core: a debtor's bank may return a collection for this many business days after the
  /// collection date; after that Saldo counts it settled.
  public static let returnWindowBusinessDays = 5

  public static func isBusinessDay(_ day: Day) -> Bool {
    if day.weekday >= 5 { return false }
    let (year, month, date) = day.civil
    if (month == 1 && date == 1) || (month == 5 && date == 1) { return false }
    if month == 12 && (date == 25 || date == 26) { return false }
    let easter = easterSunday(year: year)
    return day != easter.adding(days: -2) && day != easter.adding(days: 1)
  }

  /// The first business day strictly after `day`.
  public static func nextBusinessDay(after day: Day) -> Day {
    var next = day.adding(days: 1)
    while !isBusinessDay(next) { next = next.adding(days: 1) }
    return next
  }

  /// `count` business days after `day`.
  public static func adding(businessDays count: Int, to day: Day) -> Day {
    var result = day
    for _ in 0..<max(count, 0) { result = nextBusinessDay(after: result) }
    return result
  }

  /// The earliest collection date a file made on `day` can ask for: the file reaches the bank
  /// on `day` if that is a business day (else on the next one), and the debit is collected at
  /// least one business day after that.
  public static func earliestCollectionDate(fileMadeOn day: Day) -> Day {
    let arrives = isBusinessDay(day) ? day : nextBusinessDay(after: day)
    return nextBusinessDay(after: arrives)
  }

  /// The day a collection settles when the bank has not returned it: the return window after
  /// its collection date has passed.
  public static func settlementDay(collectedOn day: Day) -> Day {
    adding(businessDays: returnWindowBusinessDays, to: day).adding(days: 1)
  }

  /// Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm).
  static func easterSunday(year: Int) -> Day {
    let a = year % 19
    let b = year / 100
    let c = year % 100
    let d = b / 4
    let e = b % 4
    let f = (b + 8) / 25
    let g = (b - f + 1) / 3
    let h = (19 * a + b - d - g + 15) % 30
    let i = c / 4
    let k = c % 4
    let l = (32 + 2 * e + 2 * i - h - k) % 7
    let m = (a + 11 * h + 22 * l) / 451
    let month = (h + l - 7 * m + 114) / 31
    let date = (h + l - 7 * m + 114) % 31 + 1
    return Day(year: year, month: month, day: date) ?? Day(number: 0)
  }
}
