import SaldoCore
import Terminal

#if canImport(Glibc)
  import Glibc
#endif

/// Which colour theme the terminal interface uses: `--theme NAME`, else the `theme = NAME` line
/// of the config file, else `default`. Resolved before curses starts, so a bad name or a
/// garbled config file is one line on stderr and exit 2.
enum ThemeChoice {
  static func resolve(flag: String?) throws -> Theme {
    let name = try flag ?? configuredName() ?? "default"
    do {
      return try ThemeLoader(directories: searchDirectories()).load(named: name)
    } catch {
      throw SaldoError.invalid(error.description)
    }
  }

  /// `$XDG_CONFIG_HOME/saldo/config`, else `~/.config/saldo/config`.
  static func configPath() -> String {
    if let config = Context.environment("XDG_CONFIG_HOME"), config.hasPrefix("/") {
      return config + "/saldo/config"
    }
    return Context.homeDirectory() + "/.config/saldo/config"
  }

  /// The user's own themes first, then the `themes/` folder shipped with the app.
  static func searchDirectories() -> [String] {
    var directories: [String] = []
    if let data = Context.environment("XDG_DATA_HOME"), data.hasPrefix("/") {
      directories.append(data + "/saldo/themes")
    } else {
      directories.append(Context.homeDirectory() + "/.local/share/saldo/themes")
    }
    if let shipped = shippedThemes() { directories.append(shipped) }
    return directories
  }

  /// Walks up from the executable to the first folder that holds `themes/`: the package root
  /// when run from the build folder, or the install prefix (`share/saldo/themes` is not used).
  static func shippedThemes() -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard length > 0 else { return nil }
    var folder = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    for _ in 0..<8 {
      guard let slash = folder.lastIndex(of: "/"), slash != folder.startIndex else { return nil }
      folder = String(folder[..<slash])
      var info = stat()
      if stat(folder + "/themes", &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
        return folder + "/themes"
      }
    }
    return nil
  }

  /// The theme named in the config file; nil when there is no file or no theme line.
  static func configuredName(path: String = configPath()) throws -> String? {
    guard access(path, F_OK) == 0 else { return nil }
    guard let file = fopen(path, "r") else {
      throw SaldoError.invalid(
        "\(path): cannot read the config file (\(String(cString: strerror(errno))))")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = fread(&chunk, 1, chunk.count, file)
      if count == 0 { break }
      bytes += chunk[0..<count]
      if bytes.count > 64 * 1024 {
        throw SaldoError.invalid("\(path): the config file is too large; it holds a few lines")
      }
    }
    return try parse(bytes: bytes, path: path)
  }

  /// The config format: `#` comments, blank lines, and `theme = NAME`. Anything else is an
  /// error naming the line, rather than being ignored.
  static func parse(bytes: [UInt8], path: String) throws -> String? {
    guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
      throw SaldoError.invalid("\(path): the config file is not UTF-8 text")
    }
    var theme: String?
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = (raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
        ?? "").trimmingCharacters()
      if line.isEmpty { continue }
      let parts = line.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters() }
      guard parts.count == 2, parts[0] == "theme", ThemeParser.isValidThemeName(parts[1]) else {
        throw SaldoError.invalid(
          "\(path):\(index + 1): expected `theme = NAME` (a theme name like dark); found \""
            + Sanitize.line(String(raw), limit: 40) + "\"")
      }
      theme = parts[1]
    }
    return theme
  }
}

extension StringProtocol {
  func trimmingCharacters() -> String {
    var text = Substring(self)
    while text.first?.isWhitespace == true { text.removeFirst() }
    while text.last?.isWhitespace == true { text.removeLast() }
    return String(text)
  }
}
