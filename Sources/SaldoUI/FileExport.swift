import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// Writes export files so that a failure never leaves half a file at the path: the text goes
/// to a temporary file beside it, which is renamed over the target when complete.
struct FileExport {
  let path: String
  private let temporary: String
  private var file: UnsafeMutablePointer<FILE>?

  /// `~/` is the home folder, as in a shell; other paths are relative to the current folder.
  static func expand(_ path: String) -> String {
    guard path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
    return String(cString: home) + String(path.dropFirst(1))
  }

  init(path: String) throws {
    self.path = Self.expand(path)
    temporary = self.path + ".tmp-\(getpid())"
    guard let opened = fopen(temporary, "w") else { throw Self.failure(self.path) }
    file = opened
  }

  mutating func write(_ text: String) throws {
    guard let file else { throw UIError("cannot write \(path): the file is closed") }
    if fputs(text, file) < 0 {
      let error = Self.failure(path)
      abandon()
      throw error
    }
  }

  /// Flushes to disk and moves the file into place.
  mutating func finish() throws {
    guard let open = file else { return }
    file = nil
    let flushed = fflush(open) == 0 && fsync(fileno(open)) == 0
    let error = flushed ? nil : Self.failure(path)
    fclose(open)
    if let error {
      unlink(temporary)
      throw error
    }
    if rename(temporary, path) != 0 {
      let error = Self.failure(path)
      unlink(temporary)
      throw error
    }
  }

  mutating func abandon() {
    if let open = file { fclose(open) }
    file = nil
    unlink(temporary)
  }

  static func failure(_ path: String) -> UIError {
    let reason = strerror(errno).map { String(cString: $0) } ?? "error \(errno)"
    return UIError("cannot write \(path): \(reason)")
  }

  /// One file written whole.
  static func write(_ text: String, to path: String) throws -> String {
    var export = try FileExport(path: path)
    try export.write(text)
    try export.finish()
    return export.path
  }
}

/// CSV fields for spreadsheets: quoted when needed; text a spreadsheet would run as a formula
/// (starting with = + - @) gets an apostrophe first.
enum CSVField {
  static func quoted(_ text: String) -> String {
    var value = Sanitize.line(text, limit: 10_000)
    if let first = value.first, "=+-@".contains(first) { value = "'" + value }
    guard value.contains(where: { $0 == "," || $0 == "\"" }) else { return value }
    var escaped = "\""
    for character in value {
      if character == "\"" { escaped += "\"\"" } else { escaped.append(character) }
    }
    return escaped + "\""
  }
}
