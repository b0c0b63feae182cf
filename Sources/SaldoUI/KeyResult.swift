/// What a screen did with a key, for the root `update` to finish: screens change their own
/// state, the root changes the stack.
enum KeyResult {
  /// Used; run these effects.
  case handled([Effect])
  /// Not a key of this screen: the root applies the common keys (q, Esc, ?).
  case unhandled
  /// Open a screen on top of this one.
  case push(Screen, [Effect])
  /// Put another screen in this one's place (the dialog becomes the checkout).
  case replace(Screen, [Effect])
  /// Close this screen, asking first when it holds unsaved input (like q and Esc).
  case back
  /// Ask a yes/no question first (overwrite a file, switch something off).
  case confirm(ConfirmPrompt)
  /// Copy text to the clipboard (the loop asks the terminal).
  case copy(what: String, text: String)
  /// Show a line in the footer.
  case message(StatusMessage)
  /// Close this screen without asking (its work is done or there is nothing to keep), and
  /// say so in the footer.
  case close(StatusMessage?)
}
