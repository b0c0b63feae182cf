import Foundation

/// A real OpenSSH server for the tests: `/usr/sbin/sshd -D` on a loopback port with its own host
/// key and configuration, serving a throwaway service account the setup creates with `useradd`.
///
/// It needs root (to create the account and for sshd to switch to it) and Debian's
/// `openssh-server` and `openssh-client`; without them the tests skip with a visible reason,
/// except under `SALDO_REQUIRE_CONFORMANCE=1` (CI), where they must run.
public final class SSHServer: @unchecked Sendable {
  public static let sshd = "/usr/sbin/sshd"

  /// Why the SSH tests cannot run here, or nil when they can.
  public static var unavailable: String? {
    if geteuid() != 0 {
      return "not root: the SSH tests create a service account (CI runs as root)"
    }
    for tool in [sshd, "/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/sbin/useradd"]
    where !FileManager.default.isExecutableFile(atPath: tool) {
      return "\(tool) missing: apt-get install openssh-server openssh-client"
    }
    return nil
  }

  public static var enabled: Bool { Conformance.required || unavailable == nil }

  public let directory = TemporaryDirectory()
  public let user: String
  public let home: String
  /// The binary the service account runs: a copy in a folder every account may enter (the
  /// build folder may not be, e.g. a clone inside a private temporary folder).
  public let binary: String
  public let uid: Int
  public let gid: Int
  public private(set) var port = 0
  private var daemon: pid_t?

  /// Puts the binary where the service account may run it. A hard link opens no file for
  /// writing; a copy (another file system) writes through a close-on-exec descriptor. A
  /// descriptor a parallel test's child inherited would make every later exec of the copy fail
  /// with "Text file busy".
  static func placeExecutable(_ source: String, at path: String) throws {
    if link(source, path) == 0 { return }
    let input = open(source, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else { throw Failure("cannot read \(source): errno \(errno)") }
    defer { close(input) }
    let output = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
    guard output >= 0 else { throw Failure("cannot create \(path): errno \(errno)") }
    defer { close(output) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = read(input, &buffer, buffer.count)
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else { throw Failure("cannot read \(source): errno \(errno)") }
      if count == 0 { return }
      var offset = 0
      while offset < count {
        let written = buffer[offset..<count].withUnsafeBytes {
          write(output, $0.baseAddress, $0.count)
        }
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { throw Failure("cannot write \(path): errno \(errno)") }
        offset += written
      }
    }
  }

  public init() throws {
    if let reason = Self.unavailable { throw Failure("cannot start sshd: \(reason)") }
    chmod(directory.path, 0o755)
    binary = directory.file("bin/saldo")
    try FileManager.default.createDirectory(
      atPath: directory.file("bin"), withIntermediateDirectories: true)
    try Self.placeExecutable(SaldoProcess.executable, at: binary)
    chmod(directory.file("bin"), 0o755)
    chmod(binary, 0o755)
    user = "saldo" + String(UInt32.random(in: 100_000...999_999))
    home = directory.file("home")
    try Self.run("/usr/sbin/useradd", ["-M", "-d", home, "-s", "/bin/sh", user])
    // A "!" password marks the account locked, and sshd then refuses even keys.
    try Self.run("/usr/sbin/usermod", ["-p", "*", user])
    let ids = try Self.run("/usr/bin/id", ["-u", user]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let gids = try Self.run("/usr/bin/id", ["-g", user]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    uid = Int(ids) ?? -1
    gid = Int(gids) ?? -1
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    chown(home, uid_t(uid), gid_t(gid))
    chmod(home, 0o755)
    try Self.run(
      "/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", directory.file("host_key")])
    // The privilege-separation folder Debian's sshd expects (normally made by its service unit).
    try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
    try start()
  }

  private func start() throws {
    for _ in 0..<10 {
      let candidate = Int.random(in: 20_000...60_000)
      let config = directory.file("sshd_config")
      try """
      Port \(candidate)
      ListenAddress 127.0.0.1
      HostKey \(directory.file("host_key"))
      PidFile \(directory.file("sshd.pid"))
      AuthorizedKeysFile .ssh/authorized_keys
      StrictModes no
      UsePAM no
      PasswordAuthentication no
      KbdInteractiveAuthentication no
      PubkeyAuthentication yes
      AllowUsers \(user)
      PermitTTY yes
      LogLevel VERBOSE
      """.write(toFile: config, atomically: true, encoding: .utf8)
      let logPath = directory.file("sshd.log")
      try Data().write(to: URL(fileURLWithPath: logPath))
      let pid = try Self.spawn(
        Self.sshd, ["-D", "-e", "-f", config], stdin: "/dev/null", stdout: logPath,
        stderr: logPath)
      // Listening once sshd says so: a connection alone may reach another listener that took
      // the port (a loopback fake in this process binds an ephemeral one), and sshd, unable to
      // bind, would be gone while ssh waited on that listener for ever.
      var status: Int32 = 0
      for _ in 0..<100 where waitpid(pid, &status, WNOHANG) == 0 {
        if log().contains("Server listening on 127.0.0.1 port \(candidate)."),
          Self.canConnect(port: candidate)
        {
          daemon = pid
          port = candidate
          return
        }
        usleep(50_000)
      }
      kill(pid, SIGTERM)
      waitpid(pid, &status, 0)
    }
    throw Failure("sshd did not start: \(log())")
  }

  /// What sshd logged (for failure messages).
  public func log() -> String {
    (try? String(contentsOfFile: directory.file("sshd.log"), encoding: .utf8)) ?? ""
  }

  /// Runs `saldo ARGS` locally as the service account (setting up what people then use).
  public func saldoAsService(_ arguments: [String], input: String? = nil) throws
    -> SaldoProcess.Result
  {
    try Self.capture(
      "/usr/bin/setpriv",
      [
        "--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--", "/usr/bin/env", "-i",
        "HOME=\(home)", "PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8", binary,
      ]
        + arguments, input: input)
  }

  /// Makes a key pair for a person; returns the private key's path.
  public func makeKey(_ name: String) throws -> String {
    let path = directory.file("id_" + name)
    try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path])
    return path
  }

  /// The ssh client options that make a test connection quiet and self-contained.
  public func sshArguments(key: String, tty: Bool = false) -> [String] {
    [
      "-F", "/dev/null", "-i", key, "-p", String(port), "-o", "IdentitiesOnly=yes",
      "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
      "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
      // A server that never answers fails the test instead of holding the run.
      "-o", "ConnectTimeout=30",
    ]
      + (tty ? ["-t", "-t"] : ["-T"]) + ["\(user)@127.0.0.1"]
  }

  /// `ssh USER@127.0.0.1 -p PORT COMMAND` with the person's key; input goes to its stdin.
  public func ssh(key: String, _ command: String?, input: Data? = nil) throws
    -> SaldoProcess.Result
  {
    try Self.capture(
      "/usr/bin/ssh", sshArguments(key: key) + (command.map { ["--", $0] } ?? []),
      inputData: input)
  }

  deinit {
    if let daemon {
      kill(daemon, SIGTERM)
      var status: Int32 = 0
      waitpid(daemon, &status, 0)
    }
    // -f: a session sshd started may still be ending (the terminal test kills its client).
    _ = try? Self.run("/usr/sbin/userdel", ["-f", user])
  }

  public struct Failure: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
  }

  static func canConnect(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }

  @discardableResult
  static func run(_ tool: String, _ arguments: [String]) throws -> String {
    let result = try capture(tool, arguments)
    guard result.status == 0 else {
      throw Failure("\(tool) \(arguments.joined(separator: " ")) failed: \(result.stderr)")
    }
    return result.stdout
  }

  /// Runs a program, feeding `input` and collecting both outputs without blocking on a full
  /// pipe.
  public static func capture(
    _ tool: String, _ arguments: [String], input: String? = nil, inputData: Data? = nil
  ) throws -> SaldoProcess.Result {
    // Files, not pipes: nothing can block on a full pipe, and no thread has to drain one.
    let scratch = TemporaryDirectory()
    let inPath = scratch.file("in")
    let outPath = scratch.file("out")
    let errPath = scratch.file("err")
    try (inputData ?? Data((input ?? "").utf8)).write(to: URL(fileURLWithPath: inPath))
    try Data().write(to: URL(fileURLWithPath: outPath))
    try Data().write(to: URL(fileURLWithPath: errPath))
    let status = try spawnAndWait(tool, arguments, stdin: inPath, stdout: outPath, stderr: errPath)
    let out = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
    let err = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
    return SaldoProcess.Result(
      status: status.code, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: err, as: UTF8.self), signalled: status.signalled)
  }

  /// posix_spawn and waitpid: Foundation's Process did not notice these children end while
  /// sshd, another child, was running.
  static func spawnAndWait(
    _ tool: String, _ arguments: [String], stdin: String, stdout: String, stderr: String
  ) throws -> (code: Int32, signalled: Bool) {
    let pid = try spawn(tool, arguments, stdin: stdin, stdout: stdout, stderr: stderr)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      if errno != EINTR { throw Failure("waitpid failed for \(tool)") }
    }
    let signal = status & 0x7f
    return signal == 0 ? ((status >> 8) & 0xff, false) : (128 + signal, true)
  }

  static func spawn(
    _ tool: String, _ arguments: [String], stdin: String, stdout: String, stderr: String
  ) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_APPEND, 0)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_APPEND, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, tool, &actions, nil, argv, environ)
    guard result == 0 else { throw Failure("cannot start \(tool): error \(result)") }
    return pid
  }
}
