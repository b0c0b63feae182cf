import Testing
import TestSupport

@testable import SaldoCore

/// Keys are parsed and checked as OpenSSH does, fingerprinted exactly like `ssh-keygen -l`,
/// and managed by their owner or an operator only.
@Suite struct SSHKeyTests {
  @Test(arguments: [
    (SampleKeys.ed25519, "ssh-ed25519", 256, SampleKeys.ed25519Fingerprint),
    (SampleKeys.rsa3072, "ssh-rsa", 3072, SampleKeys.rsa3072Fingerprint),
    (SampleKeys.ecdsa521, "ecdsa-sha2-nistp521", 521, SampleKeys.ecdsa521Fingerprint),
    (SampleKeys.ecdsa256, "ecdsa-sha2-nistp256", 256, SampleKeys.ecdsa256Fingerprint),
  ])
  func acceptedKeysMatchSSHKeygen(text: String, type: String, bits: Int, fingerprint: String)
    throws
  {
    let key = try SSHPublicKey.parse(text + " someone@laptop\n")
    #expect(key.type == type)
    #expect(key.bits == bits)
    #expect(key.fingerprint == fingerprint)
    #expect(key.line == text)
    #expect(try SSHPublicKey.parse(base64: key.base64) == key)
  }

  @Test func refusedKeysSayWhy() {
    func reason(_ text: String) -> String {
      do {
        _ = try SSHPublicKey.parse(text)
        return "accepted"
      } catch { return "\(error)" }
    }
    #expect(reason(SampleKeys.rsa2048).contains("2048 bits refused"))
    #expect(reason("ssh-dss AAAAB3NzaC1kc3MAAACBAP==").contains("DSA"))
    let ed = SampleKeys.ed25519.split(separator: " ")[1]
    #expect(reason("ssh-rsa \(ed)").contains("does not match its type"))
    #expect(reason("sk-ssh-ed25519@openssh.com AAAA").contains("refused"))
    #expect(reason("ssh-ed25519 \(ed.dropLast(4))").contains("damaged"))
    #expect(reason("ssh-ed25519 not*base64").contains("base64"))
    #expect(reason("-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n").contains("private key"))
    #expect(reason("").contains("no public key"))
    #expect(reason(SampleKeys.ed25519 + "\n" + SampleKeys.ecdsa256).contains("one public key"))
    #expect(reason("command=\"x\" " + SampleKeys.ed25519).contains("not an OpenSSH public key"))
  }

  @Test func sha256KnownAnswers() {
    func hex(_ bytes: [UInt8]) -> String {
      bytes.map {
        String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
      }
      .joined()
    }
    #expect(
      hex(SHA256.digest([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      hex(SHA256.digest(Array("abc".utf8)))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      hex(SHA256.digest(Array(repeating: UInt8(ascii: "a"), count: 1_000)))
        == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
  }

  @Test func ownersAndOperatorsManageKeys() throws {
    let fixture = try Fixture()
    let ada = fixture.saldo(Accounts.ada)  // operator
    let ben = fixture.saldo(Accounts.ben)  // member
    let own = try ben.keys.addKey(login: "ben", publicKey: SampleKeys.ed25519, label: "laptop")
    #expect(own.login == "ben" && own.label == "laptop" && own.addedBy == "ben")
    #expect(throws: SaldoError.self) {
      try ben.keys.addKey(login: "ada", publicKey: SampleKeys.ecdsa256, label: nil)
    }
    _ = try ada.keys.addKey(login: "ada", publicKey: SampleKeys.ecdsa256, label: nil)
    // Unique across users, whoever asks.
    #expect(throws: SaldoError.self) {
      try ada.keys.addKey(login: "ada", publicKey: SampleKeys.ed25519, label: nil)
    }
    #expect(try ben.keys.list(login: nil).map(\.login) == ["ben"])
    #expect(try ada.keys.list(login: nil).map(\.login) == ["ada", "ben"])
    #expect(throws: SaldoError.self) { try ben.keys.list(login: "ada") }
    // Someone else's key looks like no key at all.
    #expect(throws: SaldoError.self) {
      try ben.keys.removeKey(fingerprint: SampleKeys.ecdsa256Fingerprint)
    }
    try ben.keys.removeKey(fingerprint: SampleKeys.ed25519Fingerprint)
    #expect(try ada.keys.list(login: nil).map(\.login) == ["ada"])
  }

  @Test func aSessionNeedsTheKeyOfThatUser() throws {
    let fixture = try Fixture()
    let ben = fixture.saldo(Accounts.ben)
    _ = try ben.keys.addKey(login: "ben", publicKey: SampleKeys.ed25519, label: nil)
    try ben.keys.beginRemoteSession(
      fingerprint: SampleKeys.ed25519Fingerprint, client: "10.0.0.9 port 4242",
      command: "balance --json")
    #expect(try ben.keys.list(login: nil).first?.lastUsedAt != nil)
    // ada cannot come in with ben's key, and nobody with a removed one.
    #expect(throws: SaldoError.self) {
      try fixture.saldo(Accounts.ada).keys.beginRemoteSession(
        fingerprint: SampleKeys.ed25519Fingerprint, client: nil, command: "balance")
    }
    try ben.keys.removeKey(fingerprint: SampleKeys.ed25519Fingerprint)
    #expect(throws: SaldoError.self) {
      try ben.keys.beginRemoteSession(
        fingerprint: SampleKeys.ed25519Fingerprint, client: nil, command: "balance")
    }
  }

  @Test func onlyTheOwnerOfTheDatabaseMaySpeakForSomeone() throws {
    try Access.requireServiceAccount(login: "ben", databaseOwner: 999, effectiveUID: 999)
    #expect(throws: SaldoError.self) {
      try Access.requireServiceAccount(login: "root", databaseOwner: 999, effectiveUID: 1000)
    }
  }

  @Test func theManagedBlockLeavesOtherLinesAlone() throws {
    let fixture = try Fixture()
    let ben = fixture.saldo(Accounts.ben)
    _ = try ben.keys.addKey(login: "ben", publicKey: SampleKeys.ed25519, label: nil)
    let lines = try ben.keys.authorizedKeysLines(binary: "/usr/local/bin/saldo")
    #expect(
      lines == [
        "command=\"/usr/local/bin/saldo --as ben --key \(SampleKeys.ed25519Fingerprint)\","
          + "restrict,pty " + SampleKeys.ed25519
      ])
    let mine = "ssh-ed25519 AAAA own@host\n# a comment\n"
    let first = AuthorizedKeysFile.render(existing: mine, lines: lines)
    #expect(first.hasPrefix(mine))
    let later = first + "from=\"10.0.0.1\" ssh-rsa BBBB later@host"
    let again = AuthorizedKeysFile.render(existing: later, lines: [])
    #expect(
      again == mine + AuthorizedKeysFile.begin + "\n" + AuthorizedKeysFile.end + "\n"
        + "from=\"10.0.0.1\" ssh-rsa BBBB later@host")
    #expect(AuthorizedKeysFile.render(existing: first, lines: lines) == first)
    #expect(AuthorizedKeysFile.managedLines(first) == lines)
    #expect(throws: SaldoError.self) {
      try ben.keys.authorizedKeysLines(binary: "/opt/my saldo/saldo")
    }
    #expect(throws: SaldoError.self) { try ben.keys.authorizedKeysLines(binary: "saldo;id") }
  }
}

/// `SSH_ORIGINAL_COMMAND` is split like `sh` splits words, with nothing expanded or run.
@Suite struct RemoteCommandTests {
  @Test func splitsLikeAShellWithoutExpanding() throws {
    #expect(try RemoteCommand.split("balance --json") == ["balance", "--json"])
    #expect(try RemoteCommand.split("  org add 'Acme B.V.'  ") == ["org", "add", "Acme B.V."])
    #expect(
      try RemoteCommand.split(#"org add "Quote \"Q\" \$x" a\ b"#)
        == ["org", "add", #"Quote "Q" $x"#, "a b"])
    #expect(try RemoteCommand.split(#"x "a\b" 'c\d'"#) == ["x", #"a\b"#, #"c\d"#])
    #expect(try RemoteCommand.split("echo $HOME ~ * `id`") == ["echo", "$HOME", "~", "*", "`id`"])
    #expect(try RemoteCommand.split("a ''") == ["a", ""])
    for hostile in [
      "balance; rm -rf /", "$(id)", "a | b", "a && b", "a > /etc/x", "a < b",
      "'open", "\"open", "trailing\\",
    ] {
      #expect(throws: SaldoError.self, "\(hostile)") { try RemoteCommand.split(hostile) }
    }
    #expect(throws: SaldoError.self) {
      try RemoteCommand.split(String(repeating: "a ", count: 50_000))
    }
  }

  @Test func refusesWhatOnlyTheServiceAccountMayDo() throws {
    for words in [
      ["--db", "/etc/shadow", "balance"], ["balance", "--db=/x"], ["--as", "root"],
      ["--key", "SHA256:x"], ["init", "--env", "X"], ["--env", "Acme", "demo"],
      ["invoice", "export", "2026-000001", "-o", "/tmp/x"], ["consume", "--file", "/etc/shadow"],
      ["consume", "--file=/etc/passwd"], ["key", "add", "me", "--file", "/root/.ssh/id"],
    ] {
      #expect(throws: SaldoError.self, "\(words)") { try RemoteCommand.check(words) }
    }
    for words in [
      ["balance", "--json"], ["consume", "--file", "-"], ["--env", "demo", "balance"],
      ["org", "add", "--", "--db"], ["open", "invoice/2026-000001"], [],
    ] {
      try RemoteCommand.check(words)
    }
  }
}
