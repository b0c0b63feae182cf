import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// An export file the user named: `~/` is expanded, and the core's `AtomicFile` makes sure a
/// failure never leaves half a file at the path. Errors come back as the UI's own.
struct FileExport {
  private var file: AtomicFile
  var path: String { file.path }

  /// `~/` is the home folder, as in a shell; other paths are relative to the current folder.
  static func expand(_ path: String) -> String {
    guard path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
    return String(cString: home) + String(path.dropFirst(1))
  }

  init(path: String) throws {
    do { file = try AtomicFile(path: Self.expand(path)) } catch { throw UIError(error.description) }
  }

  mutating func write(_ text: String) throws {
    do { try file.write(text) } catch { throw UIError(error.description) }
  }

  mutating func finish() throws {
    do { try file.finish() } catch { throw UIError(error.description) }
  }

  mutating func abandon() { file.abandon() }

  /// The effects to write `path`, behind a question when a file is there already.
  static func confirmingOverwrite(_ path: String, effects: [Effect]) -> KeyResult {
    var info = stat()
    guard stat(expand(path), &info) == 0 else { return .handled(effects) }
    return .confirm(
      ConfirmPrompt(
        question: tr("\(Sanitize.line(path, limit: 200)) exists. Overwrite it?"),
        action: .perform(effects), title: tr("Overwrite")))
  }

  /// One file written whole.
  static func write(_ text: String, to path: String) throws -> String {
    var export = try FileExport(path: path)
    try export.write(text)
    try export.finish()
    return export.path
  }
}
