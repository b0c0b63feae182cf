/// Check-digit algorithms of the identifiers Saldo accepts. Inputs are already reduced to
/// ASCII digits and uppercase letters; anything else makes a check fail rather than crash.
enum CheckDigits {
  /// ISO 7064 MOD 97-10 remainder of digits and letters (A = 10 … Z = 35), as used by IBANs,
  /// SEPA creditor IDs and Dutch VAT numbers since 2020. Computed piecewise, so any length works.
  static func mod97(_ text: String) -> Int? {
    var remainder = 0
    for byte in text.utf8 {
      switch byte {
      case 48...57:
        remainder = (remainder * 10 + Int(byte - 48)) % 97
      case 65...90:
        remainder = (remainder * 100 + Int(byte - 55)) % 97
      default:
        return nil
      }
    }
    return remainder
  }

  /// The Dutch "elfproef" of a nine-digit VAT or fiscal number: weights 9 … 2 and -1.
  static func elfproef(_ digits: String) -> Bool {
    let values = digits.utf8.map { Int($0) - 48 }
    guard values.count == 9, values.allSatisfy({ (0...9).contains($0) }) else { return false }
    var sum = -values[8]
    for index in 0..<8 { sum += values[index] * (9 - index) }
    return sum % 11 == 0
  }

  /// GS1 check digit (GLN, GTIN): weights 3 and 1 from the right, last digit checks.
  static func gs1(_ digits: String) -> Bool {
    let values = digits.utf8.map { Int($0) - 48 }
    guard let check = values.last, values.count > 1 else { return false }
    var sum = 0
    for (offset, value) in values.dropLast().reversed().enumerated() {
      sum += value * (offset % 2 == 0 ? 3 : 1)
    }
    return (10 - sum % 10) % 10 == check
  }

  /// Luhn (Swedish organisation numbers).
  static func luhn(_ digits: String) -> Bool {
    var sum = 0
    for (offset, byte) in digits.utf8.reversed().enumerated() {
      var value = Int(byte) - 48
      if offset % 2 == 1 {
        value *= 2
        if value > 9 { value -= 9 }
      }
      sum += value
    }
    return !digits.isEmpty && sum % 10 == 0
  }

  /// Norwegian organisation number MOD 11: weights 2 … 7 repeating from the right.
  static func mod11Norway(_ digits: String) -> Bool {
    let values = digits.utf8.map { Int($0) - 48 }
    guard let check = values.last, values.count > 1 else { return false }
    var sum = 0
    for (offset, value) in values.dropLast().reversed().enumerated() {
      sum += value * (offset % 6 + 2)
    }
    return (11 - sum % 11) % 11 == check
  }

  /// Belgian enterprise number: the first eight digits plus the last two are a multiple of 97
  /// (so the check is 97, not 00, when the first eight are).
  static func belgian(_ digits: String) -> Bool {
    guard digits.utf8.count == 10, let head = Int(digits.prefix(8)),
      let check = Int(digits.suffix(2)), (1...97).contains(check)
    else { return false }
    return (head + check) % 97 == 0
  }

  /// French SIRET: Luhn over the 14 digits, except La Poste's establishments (SIREN 356000000),
  /// whose digits add up to a multiple of 5 instead.
  static func siret(_ digits: String) -> Bool {
    if digits.hasPrefix("356000000") && digits != "35600000000048" {
      return digits.utf8.reduce(0) { $0 + Int($1) - 48 } % 5 == 0
    }
    return luhn(digits)
  }

  /// German Leitweg-ID (XRechnung routing id): a coarse address of 2-12 digits, an optional
  /// fine address of up to 30 letters or digits, and two check digits, joined by dashes; the
  /// check is ISO 7064 MOD 97-10 over the whole id. Returns the id in upper case, or nil.
  static func leitweg(_ text: String) -> String? {
    let parts = text.trimmingWhitespace().uppercased()
      .split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3, let coarse = parts.first, let check = parts.last,
      (2...12).contains(coarse.count), IdentifierText.allDigits(String(coarse)),
      check.count == 2, IdentifierText.allDigits(String(check))
    else { return nil }
    if parts.count == 3 {
      let fine = parts[1]
      guard (1...30).contains(fine.count),
        fine.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) })
      else { return nil }
    }
    guard mod97(parts.joined()) == 1 else { return nil }
    return parts.joined(separator: "-")
  }
}
