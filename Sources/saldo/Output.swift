import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// Standard output with a buffer, so streaming hundreds of thousands of CSV rows costs a few
/// large writes instead of one per line.
final class Output {
  private var buffer: [UInt8] = []

  /// Every line goes through the one terminal sanitiser: stored text never reaches the
  /// terminal with its control characters.
  func line(_ text: String) {
    buffer.append(contentsOf: Sanitize.terminal(text).utf8)
    buffer.append(10)
    if buffer.count >= 1 << 16 { flush() }
  }

  func json(_ value: JSON) { line(value.rendered(pretty: true)) }

  func flush() {
    var offset = 0
    while offset < buffer.count {
      let written = buffer[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
      if written <= 0 {
        if written < 0 && errno == EINTR { continue }
        break
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }

  deinit { flush() }
}

enum StandardError {
  static func line(_ text: String) {
    let data = Array((Sanitize.terminal(text) + "\n").utf8)
    data.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
  }
}
