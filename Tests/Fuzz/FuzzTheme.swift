import Terminal

/// Theme files: garbage gives a typed error with a line number, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  _ = try? ThemeParser.parse(bytes: bytes, fileName: "fuzz.theme")
  return 0
}
