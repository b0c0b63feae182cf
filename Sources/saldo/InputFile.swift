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
        throw SaldoError.invalid("cannot read standard input")
      }
      handle = input
    } else {
      guard let opened = fopen(path, "r") else {
        throw SaldoError.notFound(
          "cannot read \(Sanitize.line(path, limit: 80)): \(String(cString: strerror(errno)))")
      }
      handle = opened
    }
  }

  /// Closes a named file; standard input stays open for whoever reads it next.
  func close() { if path != "-" { fclose(handle) } }
}
