#if canImport(Glibc)
  import Glibc
#endif

/// A calendar day in Europe/Amsterdam, counted as days since 1970-01-01 (that day is 0).
///
/// Days of consumption are counted in Amsterdam, while every instant is stored in UTC. The EU
/// daylight-saving rule (CEST from the last Sunday of March 01:00 UTC to the last Sunday of
/// October 01:00 UTC, CET otherwise) has been fixed since 1996; computing it here keeps the
/// ingest hot path free of calendar objects and makes days around the changes testable.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let number: Int64

  public init(number: Int64) { self.number = number }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

  public func adding(days: Int64) -> Day { Day(number: number + days) }

  /// The Amsterdam day that contains a UTC instant (seconds since the epoch).
  public init(containing instant: Instant) {
    let local = instant.seconds + Int64(AmsterdamTime.offsetSeconds(at: instant))
    number = CivilDate.floorDiv(local, 86_400)
  }

  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year)
    else { return nil }
    number = CivilDate.daysFromCivil(year: year, month: month, day: day)
  }

  /// Parses `YYYY-MM-DD`.
  public init?(iso text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  public var civil: (year: Int, month: Int, day: Int) { CivilDate.civilFromDays(number) }

  /// `YYYY-MM-DD`.
  public var iso: String {
    let (y, m, d) = civil
    return CivilDate.pad(y, 4) + "-" + CivilDate.pad(m, 2) + "-" + CivilDate.pad(d, 2)
  }

  public var description: String { iso }

  /// 0 = Monday … 6 = Sunday.
  public var weekday: Int { Int(((number % 7) + 7 + 3) % 7) }

  /// The first instant of this day in Amsterdam, in UTC.
  public var start: Instant {
    // Midnight local is never inside a DST gap in Amsterdam (changes happen at 02:00/03:00).
    let guess = number * 86_400 - 3600
    let offset = AmsterdamTime.offsetSeconds(at: Instant(seconds: guess))
    return Instant(seconds: number * 86_400 - Int64(offset))
  }
}

/// A moment in time: whole seconds since 1970-01-01T00:00:00Z.
public struct Instant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let seconds: Int64
  public init(seconds: Int64) { self.seconds = seconds }
  public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.seconds < rhs.seconds }

  /// RFC 3339 in UTC: `2026-11-24T10:15:00Z`.
  public var rfc3339: String {
    let days = CivilDate.floorDiv(seconds, 86_400)
    let rest = seconds - days * 86_400
    let (y, m, d) = CivilDate.civilFromDays(days)
    return CivilDate.pad(y, 4) + "-" + CivilDate.pad(m, 2) + "-" + CivilDate.pad(d, 2) + "T"
      + CivilDate.pad(Int(rest / 3600), 2) + ":" + CivilDate.pad(Int(rest % 3600 / 60), 2) + ":"
      + CivilDate.pad(Int(rest % 60), 2) + "Z"
  }

  /// Amsterdam local time, `2026-11-24 11:15`.
  public var amsterdamMinute: String {
    let local = seconds + Int64(AmsterdamTime.offsetSeconds(at: self))
    let days = CivilDate.floorDiv(local, 86_400)
    let rest = local - days * 86_400
    return Day(number: days).iso + " " + CivilDate.pad(Int(rest / 3600), 2) + ":"
      + CivilDate.pad(Int(rest % 3600 / 60), 2)
  }

  public var description: String { rfc3339 }

  /// Parses RFC 3339 (`2026-11-24T10:15:00Z`, `2026-11-24T11:15:00+01:00`, fractional
  /// seconds allowed and dropped; a lowercase `t`/`z` or a space between date and time too).
  public init?(rfc3339 text: String) {
    var text = text
    // On the string's own bytes: a copy into an array cost more than the parsing, and this
    // runs for every consumed event.
    guard let seconds = text.withUTF8({ Self.rfc3339Seconds($0) }) else { return nil }
    self.seconds = seconds
  }

  private static func rfc3339Seconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    guard bytes.count >= 20 else { return nil }
    func number(_ from: Int, _ count: Int) -> Int? {
      var value = 0
      for i in from..<(from + count) {
        let b = bytes[i]
        guard b >= 48, b <= 57 else { return nil }
        value = value * 10 + Int(b - 48)
      }
      return value
    }
    guard let y = number(0, 4), bytes[4] == 45, let mo = number(5, 2), bytes[7] == 45,
      let d = number(8, 2), bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32,
      let h = number(11, 2),
      bytes[13] == 58, let mi = number(14, 2), bytes[16] == 58, let s = number(17, 2),
      h < 24, mi < 60, s < 61, let day = Day(year: y, month: mo, day: d)
    else { return nil }
    var index = 19
    if index < bytes.count, bytes[index] == 46 {
      index += 1
      let start = index
      while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
      guard index > start else { return nil }
    }
    guard index < bytes.count else { return nil }
    var offset = 0
    switch bytes[index] {
    case 90, 122:
      guard index + 1 == bytes.count else { return nil }
    case 43, 45:
      guard index + 6 == bytes.count, let oh = number(index + 1, 2), bytes[index + 3] == 58,
        let om = number(index + 4, 2), oh < 24, om < 60
      else { return nil }
      offset = (oh * 3600 + om * 60) * (bytes[index] == 43 ? 1 : -1)
    default: return nil
    }
    return day.number * 86_400 + Int64(h * 3600 + mi * 60 + min(s, 59)) - Int64(offset)
  }
}

/// The clock the core reads; tests and simulations pass a fixed one.
public protocol WallClock: Sendable {
  func now() -> Instant
}

public struct SystemClock: WallClock {
  public init() {}
  public func now() -> Instant {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Instant(seconds: Int64(ts.tv_sec))
  }
}

public struct FixedClock: WallClock {
  public let instant: Instant
  public init(_ instant: Instant) { self.instant = instant }
  public func now() -> Instant { instant }
}

enum AmsterdamTime {
  /// UTC offset in seconds at an instant: 3600 (CET) or 7200 (CEST).
  static func offsetSeconds(at instant: Instant) -> Int {
    let days = CivilDate.floorDiv(instant.seconds, 86_400)
    let year = CivilDate.civilFromDays(days).year
    let start = lastSunday(month: 3, year: year) * 86_400 + 3600
    let end = lastSunday(month: 10, year: year) * 86_400 + 3600
    return (instant.seconds >= start && instant.seconds < end) ? 7200 : 3600
  }

  private static func lastSunday(month: Int, year: Int) -> Int64 {
    let last = CivilDate.daysFromCivil(year: year, month: month, day: 31)
    let weekday = ((last % 7) + 7 + 3) % 7  // 0 = Monday
    return last - (weekday + 1) % 7
  }
}

enum CivilDate {
  // Howard Hinnant's algorithms: proleptic Gregorian, exact for any Int64 day in range.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let m = Int64(month)
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }
}
