import SaldoCore
import Terminal
import TerminalCurses

#if canImport(Glibc)
  import Glibc
#endif

/// Prints a remote checkout for a person who may be on SSH: the link in full, and a QR code a
/// phone can scan, since the browser is often not on the machine that runs Saldo.
enum CheckoutPrinter {
  static func print(payment: Payment, saldo: Saldo, output: Output) throws {
    guard let link = try saldo.payments.checkoutLink(paymentID: payment.id) else {
      output.line(tr("No checkout link yet; run `saldo payments sync`."))
      return
    }
    if link.testMode { output.line(tr("TEST MODE: Mollie test payment, no money moves.")) }
    let tty = isatty(STDOUT_FILENO) == 1
    let url = Sanitize.terminal(link.url)
    // OSC 8 makes the link clickable where the terminal supports it; others show the text.
    let shown = tty ? "\u{1B}]8;;\(url)\u{1B}\\\(url)\u{1B}]8;;\u{1B}\\" : url
    output.line(tr("Pay at: \(shown)"))
    if let code = try? QRCode(link.url) {
      let ascii = !localeIsUTF8()
      output.line(tr("Or scan with a phone:"))
      for row in code.textRows(ascii: ascii) {
        // Dark modules on a light ground whatever the terminal's own colours are.
        output.line(tty ? "\u{1B}[30;107m" + row + "\u{1B}[0m" : row)
      }
    }
    output.line(
      tr(
        "Saldo credits it once Mollie says paid: run `saldo payments sync`, or watch it in `saldo` (Payments, $)."
      ))
  }

  static func localeIsUTF8() -> Bool {
    EnvironmentLocale.use(LC_CTYPE)
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).uppercased()
    return name == "UTF-8" || name == "UTF8"
  }
}
