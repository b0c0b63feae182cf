#if canImport(Glibc)
  import Glibc
#endif

/// Small file-system helpers over libc.
enum FileText {
  static func read(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count <= 0 { break }
      bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func write(_ text: String, to path: String) throws(BenchError) {
    guard let file = fopen(path, "w") else {
      throw BenchError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    let bytes = Array(text.utf8)
    if fwrite(bytes, 1, bytes.count, file) != bytes.count {
      throw BenchError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }

  static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  static func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

  /// Removes a SQLite database with its WAL and shared-memory files.
  static func removeDatabase(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
  }

  static func makeFolders(_ folder: String) throws(BenchError) {
    var current = folder.hasPrefix("/") ? "" : "."
    for part in folder.split(separator: "/") {
      current += "/" + part
      if mkdir(current, 0o755) != 0 && errno != EEXIST {
        throw BenchError("cannot create \(current): \(String(cString: strerror(errno)))")
      }
    }
  }

  static func size(_ path: String) -> Int64 {
    var info = stat()
    return stat(path, &info) == 0 ? Int64(info.st_size) : 0
  }

  /// Copies a file in large blocks.
  static func copy(_ source: String, to destination: String) throws(BenchError) {
    let input = open(source, O_RDONLY)
    guard input >= 0 else { throw BenchError("cannot read \(source)") }
    defer { close(input) }
    let output = open(destination, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard output >= 0 else { throw BenchError("cannot write \(destination)") }
    defer { close(output) }
    var buffer = [UInt8](repeating: 0, count: 4 << 20)
    while true {
      let count = Glibc.read(input, &buffer, buffer.count)
      if count == 0 { break }
      guard count > 0, Glibc.write(output, buffer, count) == count else {
        throw BenchError("copying \(source) to \(destination) failed")
      }
    }
  }

  /// The absolute path of the running executable.
  static func executablePath() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard count > 0 else { return CommandLine.arguments[0] }
    return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return String(path[..<slash])
  }

  /// Finds `name` on `$PATH`.
  static func which(_ name: String) -> String? {
    guard let path = getenv("PATH") else { return nil }
    for folder in String(cString: path).split(separator: ":") {
      let candidate = folder + "/" + name
      if isExecutable(candidate) { return candidate }
    }
    return nil
  }
}

/// Buffered writing of a large generated file.
final class FileWriter {
  private let file: UnsafeMutablePointer<FILE>
  private var buffer: [UInt8] = []
  let path: String

  init(path: String) throws(BenchError) {
    guard let file = fopen(path, "w") else {
      throw BenchError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    self.file = file
    self.path = path
    buffer.reserveCapacity(1 << 20)
  }

  func append(_ bytes: some Sequence<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 20 { flush() }
  }

  func append(_ text: String) { append(text.utf8) }

  private func flush() {
    _ = fwrite(buffer, 1, buffer.count, file)
    buffer.removeAll(keepingCapacity: true)
  }

  func close() {
    flush()
    fclose(file)
  }
}
