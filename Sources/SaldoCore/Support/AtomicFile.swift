#if canImport(Glibc)
  import Glibc
#endif

/// The one way Saldo writes a file (exports, the mail folder), so that a crash, an error or
/// another user never leaves half a file, a file readable by others, or a file somewhere else.
///
/// The bytes go to a temporary file in the target's folder with an unpredictable name, created
/// with `O_EXCL|O_NOFOLLOW` (a planted file or symlink makes it fail rather than be followed),
/// mode 0600 unless asked otherwise. It is flushed to disk, moved into place, and the folder is
/// flushed too. An existing target is replaced only when `replace` says so; otherwise the move
/// is a hard link, which fails atomically when the name is taken.
public struct AtomicFile {
  public let path: String
  private let temporary: String
  private let replace: Bool
  private var file: UnsafeMutablePointer<FILE>?

  /// The mode of files Saldo writes unless the user asks for another (`--mode`): what they
  /// hold (names, IBANs, amounts) is for the owner only, like the database.
  public static let privateMode: mode_t = 0o600

  public struct WriteError: Error, CustomStringConvertible {
    public let description: String
    /// The target exists and replacing it was not asked for: a front end may ask to confirm.
    public var targetExists = false
  }

  public init(path: String, mode: mode_t = privateMode, replace: Bool = false)
    throws(WriteError)
  {
    self.path = path
    self.replace = replace
    if !replace, Self.exists(path) { throw Self.taken(path) }
    var attempt = 0
    while true {
      let candidate =
        Self.folder(of: path) + "/." + Self.base(of: path) + ".tmp-"
        + Self.randomSuffix()
      let fd = open(
        candidate, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, Self.privateMode)
      if fd < 0 {
        attempt += 1
        if errno == EEXIST && attempt < 8 { continue }
        throw Self.failure(path)
      }
      // Exactly the mode asked for, whatever the umask; set before a byte is written.
      guard fchmod(fd, mode & 0o777) == 0, let opened = fdopen(fd, "w") else {
        let error = Self.failure(path)
        close(fd)
        unlink(candidate)
        throw error
      }
      temporary = candidate
      file = opened
      return
    }
  }

  public mutating func write(_ text: String) throws(WriteError) {
    guard let file else {
      throw WriteError(description: tr("cannot write \(shown): it is closed"))
    }
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
    if replace {
      if rename(temporary, path) != 0 {
        let error = Self.failure(path)
        unlink(temporary)
        throw error
      }
    } else {
      // link() never replaces: a name taken meanwhile fails here instead of being overwritten.
      if link(temporary, path) != 0 {
        let error = errno == EEXIST ? Self.taken(path) : Self.failure(path)
        unlink(temporary)
        throw error
      }
      unlink(temporary)
    }
    Self.syncFolder(of: path)
  }

  /// Gives up: the temporary file is removed and the target left as it was.
  public mutating func abandon() {
    if let open = file { fclose(open) }
    file = nil
    unlink(temporary)
  }

  /// One file written whole.
  public static func write(
    _ text: String, to path: String, mode: mode_t = privateMode, replace: Bool = false
  ) throws(WriteError) {
    var file = try AtomicFile(path: path, mode: mode, replace: replace)
    try file.write(text)
    try file.finish()
  }

  /// Reads a mode the way `chmod` takes it: three or four octal digits (`600`, `0644`).
  public static func parseMode(_ text: String) -> mode_t? {
    guard (3...4).contains(text.count), text.allSatisfy({ ("0"..."7").contains($0) }),
      let value = UInt32(text, radix: 8), value <= 0o777
    else { return nil }
    return mode_t(value)
  }

  private var shown: String { Sanitize.line(path, limit: 120) }

  static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }

  static func base(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  private static func randomSuffix() -> String {
    var generator = SystemRandomNumberGenerator()
    return String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 36)
  }

  /// A rename is durable only once the folder's entry is on disk.
  private static func syncFolder(of path: String) {
    let fd = open(folder(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
  }

  static func taken(_ path: String) -> WriteError {
    WriteError(
      description: tr("\(Sanitize.line(path, limit: 120)) exists already; choose another name"),
      targetExists: true)
  }

  static func failure(_ path: String) -> WriteError {
    WriteError(
      description: tr(
        "cannot write \(Sanitize.line(path, limit: 120)): \(String(cString: strerror(errno)))"))
  }
}
