/// Reads consumption events from JSON lines or CSV, one line at a time, so a file of any size
/// is read in constant memory. The format is detected from the first non-empty line: `{`
/// starts JSON lines; anything else must be the CSV header naming the columns `id`, `org`,
/// `kind` and `at` (in any order; `at` may be left out and means now).
public struct ConsumptionFileReader {
  public enum Format: Sendable { case jsonLines, csv }

  public private(set) var format: Format?
  private var csvColumns: [String: Int] = [:]
  public private(set) var lineNumber = 0
  /// The first line was neither JSON nor the CSV header: the rest is skipped.
  private var headerMissing = false

  public init() {}

  /// Parses the next line of input. Blank lines give `nil`; bad lines throw `RejectedLine`.
  public mutating func parse(line bytes: some Collection<UInt8>) throws(RejectedLine)
    -> ConsumptionEvent?
  {
    lineNumber += 1
    // Work on bytes first: trimming ASCII space and checking UTF-8 on a byte array is far
    // cheaper than on a String, and this runs once per event.
    var line = Array(bytes)
    if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
    var end = line.count
    while end > 0, Self.isSpace(line[end - 1]) { end -= 1 }
    var start = 0
    while start < end, Self.isSpace(line[start]) { start += 1 }
    if start == end { return nil }
    if end - start > 4096 {
      throw RejectedLine(
        line: lineNumber, Translations { tr("line is longer than 4096 bytes", $0) })
    }
    let trimmed = line[start..<end]
    if !trimmed.allSatisfy({ $0 < 0x80 }), String(validating: trimmed, as: UTF8.self) == nil {
      let offset = TextRules.invalidUTF8Offset(line[0..<end]) ?? 0
      throw RejectedLine(
        line: lineNumber,
        Translations { tr("the line is not valid UTF-8 (at byte \(offset)); save it as UTF-8", $0) }
      )
    }
    if headerMissing { return nil }
    var text: String { String(decoding: trimmed, as: UTF8.self) }
    switch format {
    case nil:
      if trimmed.first == UInt8(ascii: "{") {
        format = .jsonLines
        return try jsonEvent(trimmed)
      }
      format = .csv
      do { try readHeader(text) } catch {
        // Without the header no later line can be read: one message, not one per line.
        headerMissing = true
        throw RejectedLine(
          line: error.line,
          Translations { tr("\(error.texts.text(in: $0)); nothing was read", $0) })
      }
      return nil
    case .jsonLines: return try jsonEvent(trimmed)
    case .csv: return try csvEvent(text)
    }
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
  }

  /// A rejection of the current line; `reason` writes it in the language it is given.
  private func reject(_ reason: (Language) -> String) -> RejectedLine {
    RejectedLine(line: lineNumber, Translations(reason))
  }

  private mutating func readHeader(_ line: String) throws(RejectedLine) {
    let names: [String]
    do { names = try CSVLine.fields(line).map { $0.trimmingWhitespace().lowercased() } } catch {
      throw reject {
        tr("the first line must be JSON (starting with {) or the CSV header id,org,kind,at", $0)
      }
    }
    for (index, name) in names.enumerated() { csvColumns[name] = index }
    guard csvColumns["org"] != nil, csvColumns["kind"] != nil, csvColumns["id"] != nil else {
      throw reject {
        tr("the first line must be JSON (starting with {) or the CSV header id,org,kind,at", $0)
      }
    }
  }

  private func csvEvent(_ line: String) throws(RejectedLine) -> ConsumptionEvent {
    let fields: [String]
    do { fields = try CSVLine.fields(line) } catch {
      throw reject { tr("unbalanced quotes in a CSV field", $0) }
    }
    func field(_ name: String) -> String? {
      guard let index = csvColumns[name], index < fields.count else { return nil }
      let value = fields[index].trimmingWhitespace()
      return value.isEmpty ? nil : value
    }
    return try event(id: field("id"), org: field("org"), kind: field("kind"), at: field("at"))
  }

  private func jsonEvent(_ line: ArraySlice<UInt8>) throws(RejectedLine) -> ConsumptionEvent {
    if let fields = Self.plainFields(line) {
      func text(_ range: Range<Int>?) -> String? {
        range.map { String(decoding: line[$0], as: UTF8.self) }
      }
      return try event(
        id: text(fields.id), org: text(fields.org), kind: text(fields.kind), at: text(fields.at))
    }
    let members: [(key: String, value: FlatJSON.Value)]
    do { members = try FlatJSON.parseMembers(bytes: line) } catch {
      throw reject { tr("not a JSON object (\(error.description))", $0) }
    }
    func field(_ name: String) throws(RejectedLine) -> String? {
      switch members.first(where: { $0.key == name })?.value {
      case nil, .null: return nil
      case .string(let s): return s
      case .number(let n): return n
      case .bool: throw reject { tr("\"\(name)\" must be a string", $0) }
      }
    }
    return try event(
      id: try field("id"), org: try field("org"), kind: try field("kind"), at: try field("at"))
  }

  /// The byte ranges of the four values of a plain line: one object of the keys id, org, kind
  /// and at, each at most once, with string values without escapes. That is every line a
  /// platform writes, and reading it needs no strings for keys and no table of members; any
  /// other line (escapes, numbers, null, other keys, errors) gets nil and the full parser.
  static func plainFields(_ line: ArraySlice<UInt8>)
    -> (id: Range<Int>?, org: Range<Int>?, kind: Range<Int>?, at: Range<Int>?)?
  {
    // On the raw buffer: bounds-checked slice indexing cost more than the rest of the line.
    line.withUnsafeBufferPointer { buffer in
      var scanner = PlainLineScanner(bytes: buffer)
      guard let fields = scanner.fields() else { return nil }
      let offset = line.startIndex
      func shifted(_ range: Range<Int>?) -> Range<Int>? {
        range.map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
      }
      return (shifted(fields.id), shifted(fields.org), shifted(fields.kind), shifted(fields.at))
    }
  }

  private func event(id: String?, org: String?, kind: String?, at: String?) throws(RejectedLine)
    -> ConsumptionEvent
  {
    guard let id, !id.isEmpty else {
      throw reject { tr("missing \"id\": every event needs the platform's event id", $0) }
    }
    guard id.utf8.count <= 200, Sanitize.validName(id, limit: 200) else {
      throw reject { tr("\"id\" must be at most 200 characters without control characters", $0) }
    }
    guard let org, Sanitize.validName(org, limit: 200) else {
      throw reject { tr("missing or invalid \"org\": give the organisation's name or id", $0) }
    }
    guard let kindText = kind, let parsedKind = TransactionKind.parse(kindText) else {
      throw reject {
        tr(
          "unknown kind \"\(Sanitize.line(kind ?? "", limit: 30))\"; use send, receive, pdf or"
            + " manual", $0)
      }
    }
    var instant: Instant?
    if let at {
      guard let parsed = Instant(rfc3339: at) else {
        throw reject {
          tr(
            "\"at\" must be an RFC 3339 time like 2026-11-24T10:15:00Z, not"
              + " \"\(Sanitize.line(at, limit: 40))\"", $0)
        }
      }
      instant = parsed
    }
    return ConsumptionEvent(externalID: id, organisation: org, kind: parsedKind, at: instant)
  }
}

/// Splits one CSV line (RFC 4180 quoting; a field cannot span lines).
enum CSVLine {
  struct Malformed: Error, CustomStringConvertible {
    var description: String { "unbalanced quotes in a CSV field" }
  }

  static func fields(_ line: String) throws(Malformed) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var iterator = line.makeIterator()
    var atFieldStart = true
    while let ch = iterator.next() {
      if quoted {
        if ch == "\"" {
          // A doubled quote is a literal quote; a single one ends the quoted part.
          var lookahead = iterator
          if lookahead.next() == "\"" {
            current.append("\"")
            iterator = lookahead
          } else {
            quoted = false
          }
        } else {
          current.append(ch)
        }
      } else if ch == "," {
        fields.append(current)
        current = ""
        atFieldStart = true
        continue
      } else if ch == "\"" && atFieldStart {
        quoted = true
      } else {
        current.append(ch)
      }
      atFieldStart = false
    }
    if quoted { throw Malformed() }
    fields.append(current)
    return fields
  }
}

/// Reads a plain consumption line (see `ConsumptionFileReader.plainFields`) from raw bytes.
private struct PlainLineScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  private static let quote = UInt8(ascii: "\"")

  mutating func fields()
    -> (id: Range<Int>?, org: Range<Int>?, kind: Range<Int>?, at: Range<Int>?)?
  {
    var fields: (id: Range<Int>?, org: Range<Int>?, kind: Range<Int>?, at: Range<Int>?)
    fields = (nil, nil, nil, nil)
    skipSpace()
    guard take(UInt8(ascii: "{")) else { return nil }
    while true {
      skipSpace()
      guard let key = plainString() else { return nil }
      skipSpace()
      guard take(UInt8(ascii: ":")) else { return nil }
      skipSpace()
      guard let value = plainString() else { return nil }
      switch key.count {
      case 2 where named(key, "id") && fields.id == nil: fields.id = value
      case 3 where named(key, "org") && fields.org == nil: fields.org = value
      case 4 where named(key, "kind") && fields.kind == nil: fields.kind = value
      case 2 where named(key, "at") && fields.at == nil: fields.at = value
      default: return nil
      }
      skipSpace()
      if take(UInt8(ascii: "}")) { break }
      guard take(UInt8(ascii: ",")) else { return nil }
    }
    skipSpace()
    return index == bytes.count ? fields : nil
  }

  private func named(_ range: Range<Int>, _ name: StaticString) -> Bool {
    name.withUTF8Buffer { expected in
      expected.count == range.count
        && zip(expected, bytes[range]).allSatisfy { $0 == $1 }
    }
  }

  private mutating func take(_ byte: UInt8) -> Bool {
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  private mutating func skipSpace() {
    while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
  }

  /// A string without escapes or control characters: the range of its contents, else nil.
  private mutating func plainString() -> Range<Int>? {
    guard take(Self.quote) else { return nil }
    let start = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == Self.quote {
        index += 1
        return start..<(index - 1)
      }
      if byte < 0x20 || byte == UInt8(ascii: "\\") { return nil }
      index += 1
    }
    return nil
  }
}
