#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Minimal file reading for theme files. The toolkit avoids Foundation, so this wraps the C
/// library directly; it is the only place in the module that touches the file system.
enum FileAccess {
  enum Failure: Error {
    case cannotOpen(String)
    case tooLarge
  }

  /// Reads at most `limit` bytes; a larger file fails with `.tooLarge` instead of being
  /// read whole, so a huge or endless file (say /dev/zero) cannot exhaust memory.
  static func readBytes(atPath path: String, limit: Int) throws(Failure) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw .cannotOpen(describeErrno()) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw .cannotOpen(describeErrno())
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
      if bytes.count > limit { throw .tooLarge }
    }
  }

  /// Names of the entries in a directory; empty when it does not exist.
  static func directoryEntries(atPath path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
        pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: pointer)) {
          String(cString: $0)
        }
      }
      names.append(name)
    }
    return names
  }

  static func describeErrno() -> String {
    guard let message = strerror(errno) else { return "error \(errno)" }
    return String(cString: message)
  }
}
