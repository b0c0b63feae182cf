import Testing

@testable import Terminal

@Suite struct TextFieldTests {
  @Test func editingMovesTheCursor() {
    var field = TextField()
    for character in "12,5" { field.insert(character) }
    field.moveLeft()
    field.insert("0")
    #expect(field.text == "12,05")
    #expect(field.cursor == 4)
    field.moveHome()
    field.delete()
    #expect(field.text == "2,05")
    field.moveEnd()
    field.backspace()
    #expect(field.text == "2,0")
    #expect(field.cursor == 3)
    field.moveRight()
    #expect(field.cursor == 3)
    field.moveHome()
    field.backspace()
    field.moveLeft()
    #expect(field.text == "2,0" && field.cursor == 0)
  }

  @Test func refusesControlCharactersAndRespectsMaxLength() {
    var field = TextField(text: "ab\u{1B}[2Jc\n", maxLength: 4)
    #expect(field.text == "ab[2")
    let acceptedWhenFull = field.insert("x")
    #expect(!acceptedWhenFull)
    field.backspace()
    let acceptedBell = field.insert("\u{7}")
    #expect(!acceptedBell)
    field.moveHome()
    let acceptedLoneMark = field.insert("\u{301}")
    #expect(!acceptedLoneMark)
    field.moveEnd()
    let acceptedEuro = field.insert("€")
    #expect(acceptedEuro)
    #expect(field.text == "ab[€")
  }

  /// Terminals send a cluster scalar by scalar; the field keeps it whole, as typed.
  @Test func keepsGraphemeClustersTypedScalarByScalar() {
    var field = TextField(maxLength: 10)
    let family: [Unicode.Scalar] = ["\u{1F468}", "\u{200D}", "\u{1F469}", "\u{200D}", "\u{1F467}"]
    for scalar in ["C", "a", "f", "e", "\u{301}", " "] + family + ["\u{1F1F3}", "\u{1F1F1}"] {
      field.handle(.character(Character(scalar)))
    }
    #expect(
      field.text
        == "Cafe\u{301} \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{1F1F3}\u{1F1F1}")
    #expect(field.characters.count == 7)
    // Backspace removes the flag whole, then the family whole; left moves over "é" at once.
    field.backspace()
    field.backspace()
    #expect(field.text == "Cafe\u{301} ")
    field.moveLeft()
    field.moveLeft()
    field.delete()
    #expect(field.text == "Caf ")
  }

  @Test func handlesEditingKeysAndPassesOthersOn() {
    var field = TextField(text: "iban")
    #expect(handled(&field, .home))
    #expect(handled(&field, .character("N")))
    #expect(handled(&field, .control("e")))
    #expect(handled(&field, .backspace))
    #expect(field.text == "Niba")
    #expect(!handled(&field, .enter))
    #expect(!handled(&field, .tab))
    #expect(!handled(&field, .up))
    field.moveLeft()
    #expect(handled(&field, .control("u")))
    #expect(field.text == "a" && field.cursor == 0)
  }

  @Test func scrollsToKeepTheCursorVisible() {
    var field = TextField(text: "NL91ABNA0417164300")
    var grid = Grid(size: Size(width: 12, height: 1))
    let cursor = field.draw(
      into: &grid, rect: Rect(x: 1, y: 0, width: 8, height: 1), role: .inputFocused)
    #expect(cursor == Point(x: 8, y: 0))
    #expect(grid.textLines() == [" 7164300"])
    #expect(grid.roleLines() == [".IIIIIIII"])
    field.moveHome()
    #expect(field.visible(width: 8) == ("NL91ABNA", 0))
  }
}

@Suite struct ListViewportTests {
  @Test func movingKeepsSelectionVisible() {
    var list = ListViewport(count: 10)
    for _ in 0..<5 { list.moveDown(height: 3) }
    #expect(list.selected == 5)
    #expect(list.top == 3)
    #expect(list.visibleRange(height: 3) == 3..<6)
    list.moveUp(height: 3)
    list.moveUp(height: 3)
    list.moveUp(height: 3)
    #expect(list.selected == 2 && list.top == 2)
  }

  @Test func pagingHomeAndEnd() {
    var list = ListViewport(count: 20)
    list.pageDown(height: 5)
    #expect(list.selected == 4 && list.top == 4)
    list.pageDown(height: 5)
    #expect(list.selected == 8 && list.top == 8)
    list.end(height: 5)
    #expect(list.selected == 19 && list.top == 15)
    list.pageDown(height: 5)
    #expect(list.selected == 19 && list.top == 15)
    list.pageUp(height: 5)
    #expect(list.selected == 15 && list.top == 11)
    list.home(height: 5)
    #expect(list.selected == 0 && list.top == 0)
    list.pageUp(height: 5)
    #expect(list.selected == 0 && list.top == 0)
  }

  @Test func shrinkingAndEmptyLists() {
    var list = ListViewport(count: 10, selected: 9)
    list.scrollToSelection(height: 4)
    list.setCount(3, height: 4)
    #expect(list.selected == 2 && list.top == 0)
    list.setCount(0, height: 4)
    #expect(list.selected == 0 && list.visibleRange(height: 4).isEmpty)
    list.moveDown(height: 4)
    list.pageDown(height: 4)
    #expect(list.selected == 0 && list.top == 0)
  }

  @Test func growingTheHeightRevealsRowsAbove() {
    var list = ListViewport(count: 10)
    list.end(height: 2)
    #expect(list.top == 8)
    list.scrollToSelection(height: 6)
    #expect(list.top == 4)
  }
}

@Suite struct ButtonTests {
  @Test func labelShowsMnemonicAndMatchesEitherCase() {
    let pay = Button(title: "Pay and upgrade", mnemonic: "p")
    #expect(pay.label == "[ Pay and upgrade (P) ]")
    #expect(pay.columns == 23)
    #expect(pay.matches(.character("P")))
    #expect(pay.matches(.character("p")))
    #expect(!pay.matches(.character("q")))
    #expect(!pay.matches(.control("p")))
    #expect(Button(title: "Cancel").label == "[ Cancel ]")
    var grid = Grid(size: Size(width: 30, height: 1))
    pay.draw(into: &grid, at: Point(x: 2, y: 0), role: .accent)
    #expect(snapshot(grid) == "  [ Pay and upgrade (P) ]\n..aaaaaaaaaaaaaaaaaaaaaaa")
  }
}

@Suite struct MemoryTerminalTests {
  @Test func deliversQueuedEventsInOrderThenNil() {
    let terminal = MemoryTerminal(size: Size(width: 20, height: 5))
    terminal.enqueue(keys: [.down, .enter])
    terminal.type("ok")
    terminal.enqueue(.signal(.terminate))
    var received: [TerminalEvent] = []
    while let event = terminal.nextEvent(timeoutMs: 250) { received.append(event) }
    #expect(
      received == [
        .key(.down), .key(.enter), .key(.character("o")), .key(.character("k")),
        .signal(.terminate),
      ])
    terminal.ticksWhenIdle = true
    #expect(terminal.nextEvent(timeoutMs: 0) == .tick)
  }

  @Test func resizingQueuesAResizeEvent() {
    let terminal = MemoryTerminal(size: Size(width: 20, height: 5))
    terminal.size = Size(width: 20, height: 5)
    #expect(terminal.events.isEmpty)
    terminal.size = Size(width: 40, height: 10)
    #expect(terminal.nextEvent(timeoutMs: 0) == .resize(Size(width: 40, height: 10)))
  }

  @Test func keepsTheLastPresentedScreen() {
    let terminal = MemoryTerminal(size: Size(width: 12, height: 2))
    #expect(terminal.screenText() == "")
    var grid = Grid(size: terminal.size)
    grid.put("Balance", at: Point(x: 0, y: 0), role: .header)
    grid.put("€ -3,00", at: Point(x: 2, y: 1), role: .balanceNegative)
    terminal.present(grid)
    terminal.setCursor(Point(x: 1, y: 1))
    #expect(terminal.screenText() == "Balance\n  € -3,00")
    #expect(terminal.screenRoles() == "hhhhhhh\n..RRRRRRR")
    #expect(terminal.presentCount == 1)
    #expect(terminal.cursor == Point(x: 1, y: 1))
    terminal.restore()
    #expect(terminal.isRestored)
  }

  @Test func worksThroughTheProtocol() {
    let device: any TerminalDevice = MemoryTerminal(size: Size(width: 3, height: 1))
    var grid = Grid(size: device.size)
    grid.put("abc", at: Point(x: 0, y: 0), role: .normal)
    device.present(grid)
    #expect((device as? MemoryTerminal)?.screenText() == "abc")
  }
}

private func handled(_ field: inout TextField, _ key: Key) -> Bool {
  field.handle(key)
}
