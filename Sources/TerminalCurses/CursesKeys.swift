import CNcursesW
import Terminal

/// Maps what `wget_wch` returns to `Key`. Pure functions, so the mapping is unit tested.
enum CursesKeys {
  /// A character read as text (`wget_wch` returned OK).
  static func key(forCharacter code: UInt32) -> Key? {
    switch code {
    case 9: return .tab
    case 10, 13: return .enter
    case 8, 127: return .backspace
    case 27: return .escape
    case 0: return .control("@")
    case 1...26:
      // Ctrl-A is 1 … Ctrl-Z is 26; in raw mode Ctrl-C arrives here as 3.
      guard let letter = Unicode.Scalar(UInt32(96) + code) else { return nil }
      return .control(Character(letter))
    case 28...31, 128..<160:
      return nil
    default:
      guard let scalar = Unicode.Scalar(code) else { return nil }
      return .character(Character(scalar))
    }
  }

  /// A function key code (`wget_wch` returned KEY_CODE_YES). Resize and mouse are handled
  /// by the caller because they need more than the code.
  static func key(forKeyCode code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME, KEY_A1: return .home
    case KEY_END, KEY_C1: return .end
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_IC: return .insert
    case KEY_ENTER: return .enter
    case KEY_BTAB: return .backTab
    default:
      let first = saldo_key_f(1)
      if code >= first && code <= saldo_key_f(64) { return .function(Int(code - first) + 1) }
      return nil
    }
  }
}
