import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A detached tmux session running one command, for end-to-end tests of the terminal
/// interface: send keys, read the screen, resize. Each session has its own tmux server
/// (socket), which is killed when the session is released.
public final class TmuxSession {
  public struct Unavailable: Error, CustomStringConvertible {
    public let description: String
  }

  public let socket: String
  public let target = "saldo"

  /// The tmux executable, from PATH.
  public static var executable: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = String(folder) + "/tmux"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Starts `shellCommand` in a new session of `width` × `height` cells.
  public init(shellCommand: String, width: Int, height: Int) throws {
    guard Self.executable != nil else {
      throw Unavailable(
        description: "tmux is not installed; the end-to-end test of the terminal interface needs"
          + " it (apt-get install tmux)")
    }
    socket = "saldo-test-" + String(UUID().uuidString.prefix(8))
    // The server that new-session starts keeps its output open for as long as it runs, so
    // its output must not be a pipe that is read to the end.
    try run(
      ["new-session", "-d", "-s", target, "-x", String(width), "-y", String(height), shellCommand],
      capture: false)
  }

  deinit { kill() }

  @discardableResult
  func tmux(_ arguments: String...) throws -> String {
    try run(arguments)
  }
  /// Runs one tmux command with `posix_spawn` and waits for it. Foundation's `Process` is not
  /// used: the server that `new-session` leaves behind would keep it waiting, and its children
  /// would inherit a blocked signal mask (no SIGWINCH, no SIGTERM).
  @discardableResult
  private func run(_ arguments: [String], capture: Bool = true) throws -> String {
    let outputPath = NSTemporaryDirectory() + "tmux-out-" + UUID().uuidString
    defer { unlink(outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let target = capture ? outputPath : "/dev/null"
    posix_spawn_file_actions_addopen(&actions, 1, target, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv = ([Self.executable ?? "tmux", "-L", socket] + arguments).map { strdup($0) }
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    guard let program = argv[0] else {
      throw Unavailable(description: "cannot start tmux: out of memory")
    }
    let status = posix_spawn(&pid, program, &actions, &attributes, argv + [nil], environ)
    guard status == 0 else {
      throw Unavailable(description: "cannot start tmux: \(String(cString: strerror(status)))")
    }
    var exit: Int32 = 0
    while waitpid(pid, &exit, 0) < 0 && errno == EINTR {}
    guard capture else { return "" }
    return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
  }

  /// Named keys as tmux spells them: `Enter`, `Tab`, `Down`, `Escape`, `C-c`, or plain letters.
  public func send(_ keys: String...) throws {
    try run(["send-keys", "-t", target] + keys)
  }

  /// Types text literally.
  public func type(_ text: String) throws {
    try run(["send-keys", "-t", target, "-l", text])
  }

  public func capture() throws -> String {
    try tmux("capture-pane", "-p", "-t", target)
  }

  public func resize(width: Int, height: Int) throws {
    try tmux("resize-window", "-t", target, "-x", String(width), "-y", String(height))
  }

  /// Polls the screen until `text` appears; fails with the last screen after `timeout`.
  @discardableResult
  public func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var screen = ""
    while Date() < deadline {
      screen = try capture()
      if screen.contains(text) { return screen }
      Thread.sleep(forTimeInterval: 0.1)
    }
    throw Unavailable(description: "timed out waiting for \"\(text)\"; the screen was:\n\(screen)")
  }

  /// Stops the server and removes its socket, which tmux may leave behind.
  public func kill() {
    _ = try? run(["kill-server"])
    let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
    unlink(folder + "/tmux-\(getuid())/" + socket)
  }
}
