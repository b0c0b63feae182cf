// Byte tests for the fast paths that let plain ASCII text through without rebuilding it
// scalar by scalar: sanitising, XML escaping, invoice fields, the catalog reader.
extension UInt8 {
  /// Space to tilde: text of only these needs no cleaning of control characters.
  var isPrintableASCII: Bool { self >= 0x20 && self < 0x7F }

  /// Space, tab, line feed or carriage return.
  var isASCIISpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
