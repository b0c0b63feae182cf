/// Display width of text in terminal columns.
///
/// We measure with our own table instead of `wcwidth`, which answers -1 for everything
/// non-ASCII under the C locale, and instead of `String.count`, which counts a Chinese
/// character or an emoji as one although terminals give it two columns.
///
/// Rules, per grapheme cluster (Swift `Character`):
/// - East Asian Wide and Fullwidth characters take 2 columns (table below);
/// - characters with emoji presentation take 2, as do text-style symbols followed by the
///   emoji variation selector U+FE0F, and flag pairs of regional indicators;
/// - combining marks, zero-width joiners and other format characters take 0;
/// - control characters take 1, because `Grid.put` draws them as U+FFFD;
/// - everything else takes 1.
public enum TextWidth {
  /// Columns needed to show `text`.
  public static func columns(of text: String) -> Int {
    var total = 0
    for character in text {
      total += columns(of: character)
    }
    return total
  }

  /// Columns needed to show one grapheme cluster: 0, 1 or 2.
  public static func columns(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if first.value >= 0x20 && first.value < 0x7F && scalars.count == 1 { return 1 }
    if isControl(first) { return 1 }
    let base = columns(of: first)
    guard scalars.count > 1 else { return base }
    if base == 0 { return 0 }
    if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    if isRegionalIndicator(first), let second = scalars.dropFirst().first,
      isRegionalIndicator(second)
    {
      return 2
    }
    return base
  }

  /// Columns of a single scalar, ignoring the cluster it belongs to.
  public static func columns(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    // Control characters count as one column: `Grid.put` draws them as U+FFFD.
    if value < 0x7F || isControl(scalar) { return 1 }
    if isZeroWidth(scalar) { return 0 }
    if isWide(value) { return 2 }
    if scalar.properties.isEmojiPresentation { return 2 }
    return 1
  }

  /// True for C0 and C1 control characters and DEL, which must never reach a terminal as
  /// they are: ESC starts escape sequences, and others move the cursor.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (value >= 0x7F && value < 0xA0)
  }

  static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
    (0x1F1E6...0x1F1FF).contains(scalar.value)
  }

  static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    // Hangul medial vowels and final consonants join the preceding syllable.
    if (0x1160...0x11FF).contains(value) { return true }
    // Soft hyphen is a format character but terminals show it.
    if value == 0xAD { return false }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return false
    }
  }

  /// East Asian Wide (W) and Fullwidth (F) ranges from Unicode's EastAsianWidth.txt,
  /// merged where they touch. Emoji are handled through their presentation property.
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
    0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
    0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
    0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
    0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
    0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
    0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
    0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
    0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF,
    0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E,
    0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
    0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335,
    0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
    0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440,
    0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
    0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F,
    0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7,
    0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB,
    0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
    0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
  ]

  static func isWide(_ value: UInt32) -> Bool {
    if value < 0x1100 { return false }
    var low = 0
    var high = wideRanges.count - 1
    while low <= high {
      let middle = (low + high) / 2
      let range = wideRanges[middle]
      if value < range.lowerBound {
        high = middle - 1
      } else if value > range.upperBound {
        low = middle + 1
      } else {
        return true
      }
    }
    return false
  }

  /// Cuts `text` so it fits in `columns`, ending with `ellipsis` when something was cut.
  /// Never splits a wide character: the result may be one column narrower than asked.
  public static func truncate(_ text: String, toColumns columns: Int, ellipsis: String = "…")
    -> String
  {
    guard columns > 0 else { return "" }
    if Self.columns(of: text) <= columns { return text }
    let ellipsisWidth = Self.columns(of: ellipsis)
    let room = columns - ellipsisWidth
    guard room >= 0 else { return prefix(of: text, columns: columns) }
    return prefix(of: text, columns: room) + ellipsis
  }

  /// Pads `text` with spaces on the right to exactly `columns`, truncating if it is longer.
  public static func pad(_ text: String, toColumns columns: Int) -> String {
    let fitted = truncate(text, toColumns: columns)
    let missing = columns - Self.columns(of: fitted)
    return missing > 0 ? fitted + String(repeating: " ", count: missing) : fitted
  }

  /// Pads `text` with spaces on the left to exactly `columns`, for right-aligned numbers.
  public static func padLeft(_ text: String, toColumns columns: Int) -> String {
    let fitted = truncate(text, toColumns: columns)
    let missing = columns - Self.columns(of: fitted)
    return missing > 0 ? String(repeating: " ", count: missing) + fitted : fitted
  }

  /// The longest prefix of `text` that fits in `columns`.
  static func prefix(of text: String, columns: Int) -> String {
    var used = 0
    var result = ""
    for character in text {
      let width = Self.columns(of: character)
      if used + width > columns { break }
      used += width
      result.append(character)
    }
    return result
  }
}
