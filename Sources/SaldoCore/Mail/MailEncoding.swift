/// Header encoding for RFC 5322 messages: folding, RFC 2047 encoded-words and dates.
///
/// Every header this module writes is ASCII and folded so no line passes 78 characters (a
/// single address longer than that is the only exception: an address cannot be folded).
enum MailEncoding {
  /// The longest header line we write, without its CRLF (RFC 5322's "SHOULD" limit).
  static let lineLimit = 78

  /// UTF-8 bytes per encoded-word in unstructured text: 42 bytes are 56 base64 characters, and
  /// with the 12 of `=?UTF-8?B?` … `?=` the word is 68 long, so one fits after `Subject: `.
  static let bytesPerEncodedWord = 42

  /// UTF-8 bytes per encoded-word in a display name: 45 bytes make a 72-character word, the
  /// most that fits after `From: `. Names are kept in as few words as possible because some
  /// readers (Python's `email` before the fix for CPython gh-128110) wrongly keep the space
  /// between adjacent encoded-words of a name, so a name that fits in one word reads back
  /// exactly everywhere.
  static let bytesPerPhraseWord = 45

  /// RFC 5322 `atext`: what may appear in an atom without quoting.
  static func isAtext(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
    default: return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(s)
    }
  }

  /// Refuses CR, LF, NUL and every other control character: header text must be one line.
  static func requireOneLine(_ text: String, field: String) throws(MailError) {
    if text.unicodeScalars.contains(where: isControl) { throw .controlCharacter(field: field) }
  }

  static func isControl(_ s: Unicode.Scalar) -> Bool {
    s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) || s.value == 0x2028
      || s.value == 0x2029
  }

  /// Tokens for unstructured text (a subject): plain words when the text is simple ASCII that
  /// reads back exactly after unfolding, encoded-words otherwise.
  static func unstructuredTokens(_ text: String) -> [String] {
    if text.isEmpty { return [] }
    let words = text.split(separator: " ", omittingEmptySubsequences: false)
    // Runs of spaces, edge spaces, "=?" (which a reader would try to decode) or a word too long
    // to fold would not survive as plain text, so such values are encoded.
    let plain =
      text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
      && !text.contains("=?")
      && words.allSatisfy { !$0.isEmpty && $0.utf8.count < lineLimit }
    return plain ? words.map(String.init) : encodedWords(text)
  }

  /// Tokens for a display name: atoms when it is made of them, else one quoted string when
  /// that is printable ASCII and short, else encoded-words.
  static func phraseTokens(_ name: String) -> [String] {
    // Text that looks like an encoded-word would be decoded by readers: never write it bare.
    if name.contains("=?") { return encodedWords(name, bytesPerWord: bytesPerPhraseWord) }
    let words = name.split(separator: " ", omittingEmptySubsequences: false)
    if words.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(isAtext) }) {
      return words.map(String.init)
    }
    if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
      var quoted = "\""
      for scalar in name.unicodeScalars {
        if scalar == "\"" || scalar == "\\" { quoted += "\\" }
        quoted.unicodeScalars.append(scalar)
      }
      quoted += "\""
      if quoted.utf8.count <= lineLimit - 8 { return [quoted] }
    }
    return encodedWords(name, bytesPerWord: bytesPerPhraseWord)
  }

  /// RFC 2047 `B` encoded-words of at most `bytesPerWord` UTF-8 bytes each, split between
  /// Unicode scalars so each word decodes on its own (readers join adjacent words).
  static func encodedWords(_ text: String, bytesPerWord: Int = bytesPerEncodedWord) -> [String] {
    var words: [String] = []
    var chunk: [UInt8] = []
    for scalar in text.unicodeScalars {
      let bytes = Array(String(scalar).utf8)
      if chunk.count + bytes.count > bytesPerWord {
        words.append("=?UTF-8?B?" + base64(chunk) + "?=")
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty { words.append("=?UTF-8?B?" + base64(chunk) + "?=") }
    return words
  }

  /// `Name: token token …`, folded before a token that would pass the line limit; lines are
  /// joined with CRLF and the result has no final CRLF.
  static func fold(_ name: String, _ tokens: [String]) -> String {
    var lines: [String] = []
    var line = name + ":"
    for token in tokens {
      if line.utf8.count + 1 + token.utf8.count > lineLimit {
        lines.append(line)
        line = " " + token
      } else {
        line += " " + token
      }
    }
    lines.append(line)
    return lines.joined(separator: "\r\n")
  }

  /// RFC 5322 date-time in UTC: `Tue, 24 Nov 2026 10:15:00 +0000`.
  static func date(_ instant: Instant) -> String {
    let days = CivilDate.floorDiv(instant.seconds, 86_400)
    let rest = instant.seconds - days * 86_400
    let (year, month, day) = CivilDate.civilFromDays(days)
    let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    return weekdays[Day(number: days).weekday] + ", " + String(day) + " " + months[month - 1]
      + " " + CivilDate.pad(year, 4) + " " + CivilDate.pad(Int(rest / 3600), 2) + ":"
      + CivilDate.pad(Int(rest % 3600 / 60), 2) + ":" + CivilDate.pad(Int(rest % 60), 2)
      + " +0000"
  }

  static func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let b0 = bytes[index]
      let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
      let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
      out.append(alphabet[Int(b0 >> 2)])
      out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
      out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : 61)
      out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : 61)
      index += 3
    }
    return String(decoding: out, as: UTF8.self)
  }
}
