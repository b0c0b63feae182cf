import CNcursesW
import Testing

@testable import Terminal
@testable import TerminalCurses

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct CursesKeyTests {
  @Test func charactersMapToKeys() {
    #expect(CursesKeys.key(forCharacter: 3) == .control("c"))
    #expect(CursesKeys.key(forCharacter: 1) == .control("a"))
    #expect(CursesKeys.key(forCharacter: 9) == .tab)
    #expect(CursesKeys.key(forCharacter: 10) == .enter)
    #expect(CursesKeys.key(forCharacter: 13) == .enter)
    #expect(CursesKeys.key(forCharacter: 27) == .escape)
    #expect(CursesKeys.key(forCharacter: 127) == .backspace)
    #expect(CursesKeys.key(forCharacter: 8) == .backspace)
    #expect(CursesKeys.key(forCharacter: 0x6B) == .character("k"))
    #expect(CursesKeys.key(forCharacter: 0x20AC) == .character("€"))
    #expect(CursesKeys.key(forCharacter: 0x9B) == nil)
    #expect(CursesKeys.key(forCharacter: 0xD800) == nil)
  }

  @Test func functionKeysMapToKeys() {
    #expect(CursesKeys.key(forKeyCode: KEY_UP) == .up)
    #expect(CursesKeys.key(forKeyCode: KEY_NPAGE) == .pageDown)
    #expect(CursesKeys.key(forKeyCode: KEY_BTAB) == .backTab)
    #expect(CursesKeys.key(forKeyCode: KEY_BACKSPACE) == .backspace)
    #expect(CursesKeys.key(forKeyCode: KEY_ENTER) == .enter)
    #expect(CursesKeys.key(forKeyCode: KEY_DC) == .delete)
    #expect(CursesKeys.key(forKeyCode: KEY_F0 + 5) == .function(5))
  }
}

/// Real curses on /dev/null. Serialized because curses allows one screen per process.
@Suite(.serialized) struct CursesSmokeTests {
  @Test func drawsAGridAndReadsItBack() throws {
    setenv("LC_ALL", "C.UTF-8", 1)
    guard let output = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else {
      Issue.record("cannot open /dev/null")
      return
    }
    defer {
      fclose(output)
      fclose(input)
    }
    let terminal: CursesTerminal
    do {
      terminal = try CursesTerminal(
        terminalType: "xterm-256color", input: input, output: output, handleSignals: false,
        noColor: false)
    } catch {
      Issue.record("newterm failed for xterm-256color on /dev/null: \(error)")
      return
    }
    defer { terminal.restore() }
    #expect(terminal.size.width > 0 && terminal.size.height > 0)
    #expect(terminal.capabilities.colors == .full256)
    #expect(terminal.capabilities.unicode)

    var grid = Grid(size: terminal.size)
    grid.box(Rect(x: 0, y: 0, width: 20, height: 3), role: .border, ascii: false)
    grid.put("Saldo € 12,50 漢", at: Point(x: 1, y: 1), role: .balanceHealthy)
    grid.put("[ Pay and upgrade (P) ]", at: Point(x: 0, y: 4), role: .accent)
    grid.put("x\u{1B}[2Jy", at: Point(x: 0, y: 5), role: .error)
    terminal.present(grid)
    #expect(terminal.rowText(0) == "┌──────────────────┐")
    #expect(terminal.rowText(1) == "│Saldo € 12,50 漢  │")
    #expect(terminal.rowText(4) == "[ Pay and upgrade (P) ]")
    #expect(terminal.rowText(5) == "x\u{FFFD}[2Jy")

    var next = grid
    next.put("Saldo € -1,00", at: Point(x: 1, y: 1), role: .balanceNegative)
    terminal.present(next)
    #expect(terminal.rowText(1) == "│Saldo € -1,00 漢  │")
    let lastRow = terminal.size.height - 1
    next.put(
      String(repeating: "z", count: terminal.size.width), at: Point(x: 0, y: lastRow), role: .normal
    )
    terminal.present(next)
    #expect(terminal.rowText(lastRow) == String(repeating: "z", count: terminal.size.width))
    #expect(terminal.nextEvent(timeoutMs: 0) == .tick)
    terminal.restore()
    terminal.restore()
  }

  @Test func unknownTerminalTypeIsATypedError() {
    #expect(throws: CursesError.unknownTerminal(type: "no-such-terminal-xyz")) {
      _ = try CursesTerminal(
        terminalType: "no-such-terminal-xyz", input: nil, output: nil, handleSignals: false)
    }
    let message = CursesError.unknownTerminal(type: "no-such-terminal-xyz").description
    #expect(message.contains("TERM") && !message.contains("\n"))
  }

  @Test func monochromeWhenNoColourIsRequested() throws {
    guard let output = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else {
      Issue.record("cannot open /dev/null")
      return
    }
    defer {
      fclose(output)
      fclose(input)
    }
    let terminal = try CursesTerminal(
      terminalType: "xterm-256color", input: input, output: output, handleSignals: false,
      noColor: true)
    defer { terminal.restore() }
    #expect(terminal.capabilities.colors == .none)
  }
}
