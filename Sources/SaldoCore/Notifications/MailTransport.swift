#if canImport(Glibc)
  import Glibc
#endif

/// Where rendered messages go. Delivery failures throw; the outbox retries them later.
public protocol MailTransport {
  /// A short description for reports ("sendmail /usr/sbin/sendmail", "folder …").
  var name: String { get }
  func deliver(_ message: [UInt8], id: Int64) throws
  /// Delivers a message whose `Message-ID` (without brackets) is known; transports that name
  /// files use it, as it is unique across databases.
  func deliver(_ message: [UInt8], id: Int64, messageID: String) throws
}

extension MailTransport {
  public func deliver(_ message: [UInt8], id: Int64, messageID: String) throws {
    try deliver(message, id: id)
  }
}

public struct MailDeliveryError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// The system's sendmail interface: `sendmail -t -i`, the message on standard input; the
/// recipients come from the headers.
public struct SendmailTransport: MailTransport {
  public let path: String
  public init(path: String) { self.path = path }
  public var name: String { "sendmail \(path)" }

  public func deliver(_ message: [UInt8], id: Int64) throws {
    var pipeFDs: [Int32] = [0, 0]
    guard pipe(&pipeFDs) == 0 else { throw MailDeliveryError("cannot create a pipe") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipeFDs[0], 0)
    posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
    let arguments = [path, "-t", "-i"]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, nil, &argv, environ)
    close(pipeFDs[0])
    guard spawned == 0 else {
      close(pipeFDs[1])
      throw MailDeliveryError("cannot run \(path): \(String(cString: strerror(spawned)))")
    }
    // A sendmail that exits early must not kill us with SIGPIPE.
    let previous = signal(SIGPIPE, SIG_IGN)
    var offset = 0
    var writeFailed = false
    while offset < message.count {
      let written = message[offset...].withUnsafeBytes {
        write(pipeFDs[1], $0.baseAddress, $0.count)
      }
      if written < 0 {
        if errno == EINTR { continue }
        writeFailed = true
        break
      }
      offset += written
    }
    close(pipeFDs[1])
    signal(SIGPIPE, previous)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exited = (status & 0x7F) == 0
    let code = (status >> 8) & 0xFF
    guard exited, code == 0, !writeFailed else {
      throw MailDeliveryError("\(path) failed (exit status \(exited ? code : -1))")
    }
  }
}

/// Without sendmail: each message becomes a `.eml` file in a folder (beside the database), for
/// a mail system or a person to pick up. Written atomically, so no half message is ever seen.
public struct FolderTransport: MailTransport {
  public let directory: String
  public init(directory: String) { self.directory = directory }
  public var name: String { "folder \(directory)" }

  public func deliver(_ message: [UInt8], id: Int64) throws {
    try deliver(message, id: id, messageID: "message-" + CivilDate.pad(Int(id), 8))
  }

  /// The file is named after the Message-ID, which differs between databases, so two
  /// databases sharing a folder never write over each other's mail. A file of that name is
  /// the same message delivered before (a retry) and is left as it is.
  public func deliver(_ message: [UInt8], id: Int64, messageID: String) throws {
    if mkdir(directory, 0o700) != 0 && errno != EEXIST {
      throw MailDeliveryError("cannot create \(directory): \(String(cString: strerror(errno)))")
    }
    let name = directory + "/" + Self.fileName(messageID: messageID)
    do {
      try AtomicFile.write(String(decoding: message, as: UTF8.self), to: name)
    } catch let error where error.targetExists {
      return
    } catch {
      throw MailDeliveryError(error.description)
    }
  }

  /// `<left@right>` becomes `left@right.eml`; anything outside a safe file-name set becomes `_`.
  static func fileName(messageID: String) -> String {
    var body = Substring(messageID)
    if body.hasPrefix("<") && body.hasSuffix(">") { body = body.dropFirst().dropLast() }
    let safe = body.unicodeScalars.map { scalar -> Character in
      let v = scalar.value
      let ok =
        (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        || scalar == "@" || scalar == "." || scalar == "-" || scalar == "_"
      return ok ? Character(scalar) : "_"
    }
    let name = String(safe.prefix(200))
    return (name.isEmpty || name.hasPrefix(".") ? "m" + name : name) + ".eml"
  }
}
