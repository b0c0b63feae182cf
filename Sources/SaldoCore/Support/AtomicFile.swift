#if canImport(Glibc)
  import Glibc
#endif

/// A file written so that a crash or an error never leaves half of it at its path: the bytes
/// go to a temporary file beside it, which is flushed to disk and renamed over the target
/// only when complete. Used by every export and by the mail folder.
public struct AtomicFile {
  public let path: String
  private let temporary: String
  private var file: UnsafeMutablePointer<FILE>?

  public struct WriteError: Error, CustomStringConvertible {
    public let description: String
  }

  public init(path: String, mode: mode_t = 0o644) throws(WriteError) {
    self.path = path
    temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, mode)
    guard fd >= 0, let opened = fdopen(fd, "w") else {
      if fd >= 0 { close(fd) }
      throw Self.failure(path)
    }
    file = opened
  }

  public mutating func write(_ text: String) throws(WriteError) {
    guard let file else { throw WriteError(description: "cannot write \(path): it is closed") }
    if fputs(text, file) < 0 {
      let error = Self.failure(path)
      abandon()
      throw error
    }
  }

  /// Flushes to disk and moves the file into place.
  public mutating func finish() throws(WriteError) {
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

  /// Gives up: the temporary file is removed and the target left as it was.
  public mutating func abandon() {
    if let open = file { fclose(open) }
    file = nil
    unlink(temporary)
  }

  /// One file written whole.
  public static func write(_ text: String, to path: String, mode: mode_t = 0o644)
    throws(WriteError)
  {
    var file = try AtomicFile(path: path, mode: mode)
    try file.write(text)
    try file.finish()
  }

  static func failure(_ path: String) -> WriteError {
    WriteError(
      description: "cannot write \(Sanitize.line(path, limit: 120)): "
        + String(cString: strerror(errno)))
  }
}
