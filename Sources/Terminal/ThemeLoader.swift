/// Finds and loads themes by name from a list of directories, applying `inherit` lines.
///
/// The app passes the folders to search, most specific first, e.g. the user's
/// `$XDG_DATA_HOME/saldo/themes` and the `themes/` folder shipped with the app. A theme
/// named `NAME` is the file `NAME.theme` in the first folder that has one, else the copy of
/// the shipped file built into the binary (`EmbeddedThemes`), so every shipped theme works
/// wherever the binary is installed.
public struct ThemeLoader: Sendable {
  public var directories: [String]

  public init(directories: [String]) {
    self.directories = directories
  }

  static let builtIn: [String: Theme] = [
    Theme.defaultTheme.name: .defaultTheme, Theme.monochrome.name: .monochrome,
  ]

  /// All theme names that `load(named:)` accepts, sorted.
  public func availableThemeNames() -> [String] {
    var names = Set(Self.builtIn.keys).union(EmbeddedThemes.files.keys)
    for directory in directories {
      for entry in FileAccess.directoryEntries(atPath: directory) where entry.hasSuffix(".theme") {
        let name = String(entry.dropLast(".theme".count))
        if ThemeParser.isValidThemeName(name) { names.insert(name) }
      }
    }
    return names.sorted()
  }

  /// Loads the theme called `name`, following `inherit` lines, and checks that every role
  /// ends up defined.
  public func load(named name: String) throws(ThemeError) -> Theme {
    guard ThemeParser.isValidThemeName(name) else { throw .invalidThemeName(name: name) }
    guard let file = try findFile(named: name) else {
      if let theme = Self.builtIn[name] { return theme }
      throw .themeNotFound(name: name, available: availableThemeNames())
    }
    let styles = try resolve(file, chain: [name])
    let missing = Role.allCases.filter { styles[$0] == nil }
    guard missing.isEmpty else { throw .missingRoles(file: file.fileName, roles: missing) }
    return Theme(name: name, styles: styles)
  }

  /// Loads a theme from an explicit file path; `inherit` names are looked up in
  /// `directories`.
  public func load(path: String) throws(ThemeError) -> Theme {
    let file = try Self.readFile(atPath: path)
    let name = String(file.fileName.split(separator: ".").first ?? "")
    let styles = try resolve(file, chain: [name])
    let missing = Role.allCases.filter { styles[$0] == nil }
    guard missing.isEmpty else { throw .missingRoles(file: file.fileName, roles: missing) }
    return Theme(name: name, styles: styles)
  }

  /// The parsed file for `name` from the first directory that has it, or nil. Existence is
  /// checked by listing, so a missing file is "not here" rather than a read error.
  func findFile(named name: String) throws(ThemeError) -> ThemeFile? {
    let fileName = name + ".theme"
    for directory in directories
    where FileAccess.directoryEntries(atPath: directory).contains(fileName) {
      let separator = directory.hasSuffix("/") ? "" : "/"
      return try Self.readFile(atPath: directory + separator + fileName)
    }
    if let text = EmbeddedThemes.files[name] {
      return try ThemeParser.parse(bytes: Array((text + "\n").utf8), fileName: fileName)
    }
    return nil
  }

  /// The merged styles of `file` and everything it inherits from; `chain` lists the themes
  /// already being resolved, to catch loops.
  func resolve(_ file: ThemeFile, chain: [String]) throws(ThemeError) -> [Role: Style] {
    guard let parentName = file.inherit else { return file.styles }
    if chain.contains(parentName) { throw .inheritanceCycle(names: chain + [parentName]) }
    var merged: [Role: Style]
    if let parent = try findFile(named: parentName) {
      merged = try resolve(parent, chain: chain + [parentName])
    } else if let builtIn = Self.builtIn[parentName] {
      merged = builtIn.styles
    } else {
      throw .inheritNotFound(
        file: file.fileName, line: file.inheritLine, name: parentName,
        available: availableThemeNames())
    }
    merged.merge(file.styles) { _, own in own }
    return merged
  }

  /// Reads and parses one file; errors name the file by its last path component.
  public static func readFile(atPath path: String) throws(ThemeError) -> ThemeFile {
    let fileName = String(path.split(separator: "/").last ?? Substring(path))
    let bytes: [UInt8]
    switch Result(catching: { () throws(FileAccess.Failure) -> [UInt8] in
      try FileAccess.readBytes(atPath: path, limit: ThemeParser.maximumFileBytes)
    }) {
    case .success(let read): bytes = read
    case .failure(.tooLarge): throw .tooLarge(file: fileName, limit: ThemeParser.maximumFileBytes)
    case .failure(.cannotOpen(let reason)): throw .unreadable(file: fileName, reason: reason)
    }
    return try ThemeParser.parse(bytes: bytes, fileName: fileName)
  }
}
