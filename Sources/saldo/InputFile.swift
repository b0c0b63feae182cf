import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// A file named on the command line, or standard input for `-`, opened for reading.
struct InputFile {
  let path: String
  let handle: UnsafeMutablePointer<FILE>

  init(_ path: String) throws {
    self.path = path
    if path == "-" {
      guard let input = fdopen(0, "r") else {
        throw SaldoError.invalid(tr("cannot read standard input"))
      }
      handle = input
    } else {
      guard let opened = fopen(path, "r") else {
        let reason = String(cString: strerror(errno))
        let shown = Sanitize.line(path, limit: 80)
        throw SaldoError.notFound(tr("cannot read \(shown): \(reason)"))
      }
      handle = opened
    }
  }

  /// Closes a named file; standard input stays open for whoever reads it next.
  func close() { if path != "-" { fclose(handle) } }
}
