import Foundation
import Testing
import TestSupport

/// Pay by iDEAL in the real binary in tmux against the loopback stand-in for Mollie: the
/// checkout shows the link and a QR code that decodes to it; when Mollie says paid, the
/// outcome and the new balance appear without a key press.
@Suite(.serialized) struct MollieTUITests {
  @Test(arguments: [(80, 24), (100, 30)])
  func payByIDEALSeeTheQRCodeAndTheNewBalanceWithoutAKey(width: Int, height: Int) throws {
    let setup = try MollieCLITests.Setup()
    let environment = [
      "LC_ALL=C.UTF-8", "TZ=UTC", "TERM=xterm-256color",
      "SALDO_MOLLIE_BASE_URL=\(setup.fake.baseURL)",
    ].joined(separator: " ")
    let command = "env \(environment) \(SaldoProcess.executable) --db \(setup.db); sleep 60"
    let tmux: TmuxSession
    do {
      tmux = try TmuxSession(shellCommand: command, width: width, height: height)
    } catch {
      Issue.record(Comment(rawValue: "\(error)"))
      return
    }
    defer { tmux.kill() }
    _ = try tmux.waitFor("Pay and upgrade (P)", timeout: 60)
    try tmux.send("P")
    _ = try tmux.waitFor("Payment method")
    try tmux.send("R")
    _ = try tmux.waitFor("Review")
    try tmux.send("Enter")
    _ = try tmux.waitFor("Mollie tr_", timeout: 30)
    let checkout = try tmux.waitFor("scan the code", timeout: 30)
    let id = try #require(setup.fake.payments.first?.id)
    let url = "https://www.mollie.com/checkout/select-method/" + id.dropFirst(3)
    #expect(checkout.contains("TEST"))
    // The link is whole, wrapped by columns: its rows joined give it back.
    let joined = checkout.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
    }.joined()
    #expect(joined.contains(url), "\(checkout)")
    #expect(checkout.contains("▀▀▀▀▀▀▀"), "finder patterns of the QR code:\n\(checkout)")
    if let decoded = try decodeQR(checkout, width: width) {
      #expect(decoded == url)
    }
    let before = checkout.split(separator: "\n").first.map(String.init) ?? ""
    setup.fake.setStatus(id, "paid")
    let paid = try tmux.waitFor("Mollie says: paid", timeout: 40)
    let header = paid.split(separator: "\n").first.map(String.init) ?? ""
    #expect(header != before, "the balance in the header changed:\n\(paid)")
    #expect(header.contains("Balance € 250,00"), "\(header)")
    #expect(paid.contains("New balance € 250,00"))
  }

  /// Cuts the QR code out of the captured screen (the columns right of the text) and decodes
  /// it with zbarimg; nil when zbarimg is not installed.
  func decodeQR(_ screen: String, width: Int) throws -> String? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg") else { return nil }
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map {
      Array(String($0)) + Array(repeating: " ", count: width)
    }
    let start = width - 42
    var modules: [[Bool]] = []
    for line in lines.dropFirst(1).dropLast(1) {
      let cells = Array(line[start..<(width - 1)])
      modules.append(cells.map { $0 == "█" || $0 == "▀" })
      modules.append(cells.map { $0 == "█" || $0 == "▄" })
    }
    let scale = 4
    let pad = 8
    let w = (modules[0].count + 2 * pad) * scale
    let h = (modules.count + 2 * pad) * scale
    var bytes = Array("P5\n\(w) \(h)\n255\n".utf8)
    for y in 0..<h {
      for x in 0..<w {
        let my = y / scale - pad
        let mx = x / scale - pad
        let dark =
          my >= 0 && my < modules.count && mx >= 0 && mx < modules[0].count
          && modules[my][mx]
        bytes.append(dark ? 0 : 255)
      }
    }
    let directory = TemporaryDirectory()
    let file = directory.file("screen.pgm")
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
    process.arguments = ["--raw", "-q", file]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
  }
}
