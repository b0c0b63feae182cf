import Foundation

/// Runs the built `saldo` binary, as an administrator would from a shell.
public enum SaldoProcess {
  public struct Result: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    /// Ended by a signal (e.g. killed) rather than by exiting.
    public let signalled: Bool

    public init(status: Int32, stdout: String, stderr: String, signalled: Bool) {
      self.status = status
      self.stdout = stdout
      self.stderr = stderr
      self.signalled = signalled
    }
  }

  /// The `saldo` executable next to the test bundle in the build folder.
  public static var executable: String {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    var folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
    // The test runner may sit inside saldoPackageTests.xctest/ or beside it.
    for _ in 0..<3 {
      let candidate = folder.appendingPathComponent("saldo").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      folder.deleteLastPathComponent()
    }
    return "saldo-not-built"
  }

  /// Starts `saldo ARGS` and waits for it; `input` is written to its standard input.
  public static func run(
    _ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]
  ) throws -> Result {
    let process = try start(arguments, environment: extra)
    if let input {
      process.stdin.fileHandleForWriting.write(Data(input.utf8))
    }
    try? process.stdin.fileHandleForWriting.close()
    return process.wait()
  }

  public final class Running: @unchecked Sendable {
    let process: Process
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    private var out = Data()
    private var err = Data()
    private let group = DispatchGroup()

    init(_ process: Process) { self.process = process }

    public var pid: Int32 { process.processIdentifier }

    func readInBackground() {
      // Read both pipes while the child runs, so a large output cannot fill a pipe and block it.
      group.enter()
      DispatchQueue.global().async {
        self.out = self.stdout.fileHandleForReading.readDataToEndOfFile()
        self.group.leave()
      }
      group.enter()
      DispatchQueue.global().async {
        self.err = self.stderr.fileHandleForReading.readDataToEndOfFile()
        self.group.leave()
      }
    }

    public func wait() -> Result {
      process.waitUntilExit()
      group.wait()
      return Result(
        status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
        stderr: String(decoding: err, as: UTF8.self),
        signalled: process.terminationReason == .uncaughtSignal)
    }
  }

  public static func start(_ arguments: [String], environment extra: [String: String] = [:])
    throws -> Running
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["SALDO_DB"] = nil
    environment["LC_ALL"] = "C.UTF-8"
    environment["TZ"] = "UTC"
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    let running = Running(process)
    process.standardInput = running.stdin
    process.standardOutput = running.stdout
    process.standardError = running.stderr
    try process.run()
    running.readInBackground()
    return running
  }
}

extension SaldoProcess {
  /// Runs the binary as another operating-system account (`setpriv`, which needs root):
  /// who you are is the account, never a flag, so authorization tests switch accounts.
  public static func run(_ arguments: [String], uid: Int, gid: Int) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    process.arguments =
      ["--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "--", executable] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CONFIG_HOME"] = "/nonexistent"
    environment["SALDO_DB"] = nil
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self), signalled: false)
  }
}
