#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a Mollie API key from its file the way ssh reads a private key: the file must be a
/// regular file owned by the account Saldo runs as and readable by nobody else, or it is
/// refused before a byte is read. The key is read on every payment call and never copied into
/// the database.
public enum MollieKeyFile {
  /// Why a key file is refused; the messages name the path, never the contents.
  public enum Problem: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, errno: Int32)
    case notRegular(path: String)
    case wrongOwner(path: String)
    case tooOpen(path: String, mode: UInt32)
    case tooLarge(path: String)
    case badKey(path: String, MollieAPIKey.Problem)

    public var description: String {
      switch self {
      case .unreadable(let path, let code):
        "cannot read the API key file \(Sanitize.line(path)): "
          + String(cString: strerror(code))
      case .notRegular(let path):
        "the API key file \(Sanitize.line(path)) is a symbolic link or not a regular file;"
          + " give the path of the file itself"
      case .wrongOwner(let path):
        "the API key file \(Sanitize.line(path)) must be owned by the account Saldo runs as;"
          + " chown it"
      case .tooOpen(let path, let mode):
        "the API key file \(Sanitize.line(path)) is readable by others (mode "
          + String(mode & 0o777, radix: 8) + "); run `chmod 600` on it"
      case .tooLarge(let path):
        "the API key file \(Sanitize.line(path)) is larger than a key; it must hold only the key"
      case .badKey(_, let problem): problem.description
      }
    }
  }

  /// The key in `path`, after the ownership and mode checks.
  public static func read(path: String) throws(Problem) -> MollieAPIKey {
    // O_NOFOLLOW: a symlink planted in the key's place is refused rather than followed.
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
    guard descriptor >= 0 else {
      // O_NOFOLLOW answers ELOOP for a symlink: say so rather than "too many levels".
      if errno == ELOOP { throw .notRegular(path: path) }
      throw .unreadable(path: path, errno: errno)
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw .unreadable(path: path, errno: errno) }
    guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegular(path: path) }
    guard info.st_uid == geteuid() else { throw .wrongOwner(path: path) }
    guard info.st_mode & 0o077 == 0 else { throw .tooOpen(path: path, mode: UInt32(info.st_mode)) }
    guard info.st_size <= 1024 else { throw .tooLarge(path: path) }
    var buffer = [UInt8](repeating: 0, count: 1025)
    let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, 1025) }
    guard count >= 0 else { throw .unreadable(path: path, errno: errno) }
    // Cleared after use so the key does not linger in this buffer.
    defer { for index in buffer.indices { buffer[index] = 0 } }
    let text = String(decoding: buffer[0..<count], as: UTF8.self)
    do { return try MollieAPIKey(fileText: text) } catch { throw .badKey(path: path, error) }
  }
}
