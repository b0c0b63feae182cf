import CSQLite
import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// Number formatting without Foundation: the benchmark links what `saldo` links, so its
/// child processes start like `saldo` does.
enum BenchFormat {
  /// Three significant digits for small values, thousands separated for large ones.
  static func number(_ value: Double) -> String {
    if value.isNaN { return "—" }
    let magnitude = abs(value)
    let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
    return fixed(value, decimals: decimals, grouped: true)
  }

  static func fixed(_ value: Double, decimals: Int, grouped: Bool = false) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = UInt64(scaled / scale)
    let fraction = UInt64(scaled - Double(whole) * scale)
    var text = String(whole)
    if grouped && text.count > 3 {
      var out = ""
      for (index, character) in text.enumerated() {
        if index > 0 && (text.count - index) % 3 == 0 { out.append(",") }
        out.append(character)
      }
      text = out
    }
    if decimals > 0 {
      let digits = String(fraction)
      text += "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return (value < 0 && scaled > 0 ? "-" : "") + text
  }

  static func count(_ value: Int) -> String { fixed(Double(value), decimals: 0, grouped: true) }

  static func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
    let gap = max(0, width - text.count)
    return right
      ? String(repeating: " ", count: gap) + text
      : text + String(repeating: " ", count: gap)
  }
}

/// Prints the results table and writes the JSON file.
enum Report {
  static func table(_ figures: [Figure]) -> String {
    let header = ["figure", "value", "unit", "p99", "baseline", "ratio", "target", "met"]
    var rows: [[String]] = [header]
    for figure in figures {
      rows.append([
        figure.title,
        figure.value.map(BenchFormat.number) ?? "not measured",
        figure.unit.rawValue,
        figure.p99.map(BenchFormat.number) ?? "",
        figure.baseline.map(BenchFormat.number) ?? "",
        figure.ratio.map { BenchFormat.fixed($0, decimals: 2) + "×" } ?? "",
        figure.target?.text ?? "",
        figure.met.map { $0 ? "yes" : "NO" } ?? "",
      ])
    }
    let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    let numeric: Set<Int> = [1, 3, 4, 5]
    var lines: [String] = []
    for (index, row) in rows.enumerated() {
      lines.append(
        row.enumerated().map { column, cell in
          BenchFormat.padded(cell, widths[column], right: numeric.contains(column))
        }.joined(separator: "  "))
      if index == 0 {
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Baselines and notes under the table, numbered by figure.
  static func notes(_ figures: [Figure]) -> String {
    var lines: [String] = []
    for figure in figures {
      var parts: [String] = []
      if let baseline = figure.baselineName { parts.append("baseline: " + baseline) }
      if let note = figure.note { parts.append(note) }
      if !parts.isEmpty { lines.append("- " + figure.title + ": " + parts.joined(separator: "; ")) }
    }
    return lines.joined(separator: "\n")
  }

  static func json(_ figures: [Figure], machine: [(String, String)]) -> String {
    var out = "{\n  \"machine\": {"
    out += machine.map { "\n    \(quoted($0.0)): \(quoted($0.1))" }.joined(separator: ",")
    out += "\n  },\n  \"figures\": ["
    out += figures.map { figure in
      var fields: [(String, String)] = [
        ("benchmark", quoted(figure.benchmark)), ("key", quoted(figure.key)),
        ("title", quoted(figure.title)), ("unit", quoted(figure.unit.rawValue)),
        ("value", number(figure.value)), ("p99", number(figure.p99)),
        ("baseline", number(figure.baseline)), ("ratio", number(figure.ratio)),
      ]
      fields.append(("baseline_name", figure.baselineName.map(quoted) ?? "null"))
      fields.append(("target", figure.target.map { quoted($0.text) } ?? "null"))
      fields.append(("met", figure.met.map { $0 ? "true" : "false" } ?? "null"))
      fields.append(("note", figure.note.map(quoted) ?? "null"))
      return "\n    {" + fields.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }.joined(separator: ",")
    out += "\n  ]\n}\n"
    return out
  }

  private static func number(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "null" }
    return BenchFormat.fixed(value, decimals: 6)
  }

  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// What the numbers were measured on.
  static func machine(mode: String) -> [(String, String)] {
    var info: [(String, String)] = [
      ("mode", mode), ("sqlite", String(cString: sqlite3_libversion())),
      ("cores", String(sysconf(Int32(_SC_NPROCESSORS_ONLN)))),
      ("date", Instant(seconds: Int64(time(nil))).rfc3339),
    ]
    if let model = FileText.read("/proc/cpuinfo")?.split(separator: "\n")
      .first(where: { $0.hasPrefix("model name") })?.split(separator: ":").last
    {
      info.append(("cpu", model.trimmingCharacters()))
    }
    return info
  }
}

extension Substring {
  func trimmingCharacters() -> String {
    String(
      drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
