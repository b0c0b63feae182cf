#if canImport(Glibc)
  import Glibc
#endif

/// A finished child process: how it ended and how long it took.
///
/// Its memory is not taken from wait4's ru_maxrss: posix_spawn starts the child sharing this
/// process's address space until exec, and Linux then counts this process's high-water mark as
/// the child's. `ResidentMemory.peak` reads the child's own high-water mark instead.
struct ChildRun {
  let exitCode: Int32
  /// From just before posix_spawn to the return of wait4.
  let nanos: UInt64
  let output: [UInt8]
  let startNanos: UInt64

  var text: String { String(decoding: output, as: UTF8.self) }
}

/// Starts programs with posix_spawn and reaps them with wait4.
enum Spawn {
  /// Runs `path` with `arguments`; stdin is /dev/null, stdout is captured when asked (else
  /// /dev/null), stderr goes to /dev/null.
  static func run(
    _ path: String, _ arguments: [String], captureOutput: Bool = false,
    environment: [String]? = nil
  ) throws -> ChildRun {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var pipeFDs: [Int32] = [-1, -1]
    if captureOutput {
      guard pipe(&pipeFDs) == 0 else { throw BenchError("pipe failed") }
      posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
      posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
      posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let start = monotonicNanos()
    let pid = try launch(path, arguments, actions: &actions, environment: environment)
    var output: [UInt8] = []
    if captureOutput {
      close(pipeFDs[1])
      var buffer = [UInt8](repeating: 0, count: 65_536)
      while true {
        let count = read(pipeFDs[0], &buffer, buffer.count)
        if count <= 0 { break }
        output += buffer[0..<count]
      }
      close(pipeFDs[0])
    }
    return try reap(pid, start: start, output: output)
  }

  static func launch(
    _ path: String, _ arguments: [String], actions: inout posix_spawn_file_actions_t,
    environment: [String]?
  ) throws -> pid_t {
    var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var envp: [UnsafeMutablePointer<CChar>?] = (environment ?? []).map { strdup($0) } + [nil]
    defer { for pointer in envp { free(pointer) } }
    var pid: pid_t = 0
    let rc =
      environment == nil
      ? posix_spawn(&pid, path, &actions, nil, &argv, environ)
      : posix_spawn(&pid, path, &actions, nil, &argv, &envp)
    guard rc == 0 else {
      throw BenchError("cannot start \(path): \(String(cString: strerror(rc)))")
    }
    return pid
  }

  static func reap(_ pid: pid_t, start: UInt64, output: [UInt8]) throws -> ChildRun {
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
      guard errno == EINTR else { throw BenchError("wait4 failed") }
    }
    let nanos = monotonicNanos() - start
    let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return ChildRun(
      exitCode: exitCode, nanos: nanos, output: output,
      startNanos: start)
  }

  /// The current environment as `KEY=VALUE` strings, with `overrides` replacing or adding.
  static func environment(overriding overrides: [String: String]) -> [String] {
    var result: [String] = []
    var index = 0
    while let entry = environ[index] {
      let text = String(cString: entry)
      let key = String(text.prefix(while: { $0 != "=" }))
      if overrides[key] == nil { result.append(text) }
      index += 1
    }
    for (key, value) in overrides { result.append(key + "=" + value) }
    return result
  }
}

/// The peak resident set size of a running process (VmHWM), the figure `ru_maxrss` would
/// give if it were not polluted by the parent (see `ChildRun`).
enum ResidentMemory {
  /// Kilobytes, or nil when the process is gone.
  static func peak(of pid: pid_t? = nil) -> Int? {
    let path = "/proc/" + (pid.map { String($0) } ?? "self") + "/status"
    guard let status = FileText.read(path),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return nil }
    return Int(line.dropFirst("VmHWM:".count).filter(\.isNumber))
  }
}
