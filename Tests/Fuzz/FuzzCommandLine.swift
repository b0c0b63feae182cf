/// The command-line parser: any words (NUL-separated in the input), any option table drawn
/// from the real commands; never a crash, and what it accepts is consistent.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandLine(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let words = bytes.split(separator: 0, omittingEmptySubsequences: false).map {
    String(decoding: $0, as: UTF8.self)
  }
  let options: Set<String> = ["--org", "--kind", "--at", "--id", "--file", "--method", "-o"]
  let flags: Set<String> = ["--json", "--strict", "--csv"]
  if let parsed = try? Arguments(words, options: options, flags: flags) {
    precondition(parsed.flags.isSubset(of: flags), "an unknown flag was accepted")
    precondition(Set(parsed.values.keys).isSubset(of: options), "an unknown option was accepted")
    precondition(parsed.positionals.count <= words.count)
  }
  return 0
}
