#if canImport(Glibc)
  import Glibc
#endif

/// The locale of the environment, for drawing text. A server often lacks the generated locale
/// a user's terminal asks for over SSH (`nl_NL.UTF-8`), and setlocale then leaves the C
/// locale: text would fall back to ASCII although the terminal speaks UTF-8. The name still
/// says its encoding, so UTF-8 is kept through `C.UTF-8`.
public enum EnvironmentLocale {
  public static func use(_ category: Int32) {
    guard setlocale(category, "") == nil else { return }
    let names = ["LC_ALL", "LC_CTYPE", "LANG"]
    let requested =
      names.lazy.compactMap { (name: String) -> String? in
        getenv(name).map { String(cString: $0) }
      }.first { !$0.isEmpty } ?? ""
    let lowered = requested.lowercased()
    if lowered.hasSuffix(".utf-8") || lowered.hasSuffix(".utf8") {
      setlocale(category, "C.UTF-8")
    }
  }
}
