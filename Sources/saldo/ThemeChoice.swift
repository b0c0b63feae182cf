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
    let directories = searchDirectories()
    do {
      return try ThemeLoader(directories: directories).load(named: name)
    } catch .themeNotFound(let name, let available) {
      let notFound = ThemeError.themeNotFound(name: name, available: available).description
      let folders = directories.joined(separator: ", ")
      throw SaldoError.invalid(
        tr("\(notFound); looked in \(folders) and the themes built into saldo"))
    } catch {
      throw SaldoError.invalid(error.description)
    }
  }

  /// The user's own themes first, then a `themes/` folder beside the app (the source tree);
  /// the shipped themes are also built in, so these folders only add or override.
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
  static func configuredName() throws -> String? {
    guard let name = try Context.configuration().theme else { return nil }
    guard ThemeParser.isValidThemeName(name) else {
      let shown = Sanitize.line(name, limit: 40)
      throw SaldoError.invalid(
        tr("\(Context.configPath()): \"\(shown)\" is not a theme name; write e.g. theme = dark"))
    }
    return name
  }
}
