import Testing

@testable import Terminal

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct ThemeParsingTests {
  @Test func parsesColoursBackgroundsAndAttributes() throws {
    let file = try ThemeParser.parse(
      text: """
        # comment
        inherit = default

        accent = black on orange bold   # call to action
        balance-low = 214 underline reverse dim
        chartNeed = bright-magenta
        muted = grey on 236
        """, fileName: "t.theme")
    #expect(file.inherit == "default")
    #expect(file.inheritLine == 2)
    #expect(file.styles[.accent] == Style(foreground: .black, background: .orange, bold: true))
    #expect(
      file.styles[.balanceLow]
        == Style(foreground: .indexed(214), underline: true, reverse: true, dim: true))
    #expect(file.styles[.chartNeed] == Style(foreground: .bright(.magenta)))
    #expect(file.styles[.muted] == Style(foreground: .bright(.black), background: .indexed(236)))
  }

  @Test func acceptsWindowsLineEndings() throws {
    let file = try ThemeParser.parse(
      text: "normal = default\r\nerror = red bold\r\n", fileName: "w.theme")
    #expect(file.styles[.error] == Style(foreground: .red, bold: true))
  }

  @Test(arguments: [
    (
      "normal = default\n\naccent = oragne\n",
      "x.theme:3: unknown colour \"oragne\"; use a name like orange or a number 0-255"
    ),
    ("muted = 256\n", "x.theme:1: colour number 256 is out of range; use 0-255"),
    (
      "normal default\n", "x.theme:1: expected `role = colour [on colour] [bold]...`; missing \"=\""
    ),
    (
      "normal = red\n# c\nnormal = blue\n",
      "x.theme:3: role \"normal\" is already set on line 1; keep one of the two"
    ),
    ("error =\n", "x.theme:1: missing colour after \"=\"; write e.g. `green` or `default`"),
    ("error = red on\n", "x.theme:1: missing colour after \"on\"; write e.g. `black on orange`"),
    (
      "error = red bolt\n",
      "x.theme:1: unknown word \"bolt\"; after the colours only bold, underline, "
        + "reverse and dim are allowed"
    ),
    (
      "inherit = ../etc/passwd\n",
      "x.theme:1: invalid theme name \"../etc/passwd\" after inherit; "
        + "use one word of letters, digits, - or _"
    ),
    (
      "inherit = a\ninherit = b\n",
      "x.theme:2: inherit is already set; a theme inherits from one theme only"
    ),
  ])
  func errorsNameFileLineAndFix(_ text: String, _ message: String) {
    #expect(throws: ThemeError.self) { try ThemeParser.parse(text: text, fileName: "x.theme") }
    do {
      _ = try ThemeParser.parse(text: text, fileName: "x.theme")
    } catch {
      #expect(error.description == message)
      #expect(!error.description.contains("\n"))
    }
  }

  @Test func unknownRoleListsRoles() {
    #expect(throws: ThemeError.unknownRole(file: "x.theme", line: 1, name: "balanse-low")) {
      try ThemeParser.parse(text: "balanse-low = red\n", fileName: "x.theme")
    }
  }

  @Test func garbageIsAnErrorNotACrash() {
    #expect(throws: ThemeError.notText(file: "bin.theme")) {
      try ThemeParser.parse(bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 1, 2], fileName: "bin.theme")
    }
    #expect(throws: ThemeError.invalidUTF8(file: "u.theme", line: 2)) {
      try ThemeParser.parse(
        bytes: Array("normal = red\nerror = ".utf8) + [0xFF, 0xFE], fileName: "u.theme")
    }
    let longLine = Array(repeating: UInt8(ascii: "a"), count: 5000)
    #expect(throws: ThemeError.lineTooLong(file: "l.theme", line: 1, limit: 1024)) {
      try ThemeParser.parse(bytes: longLine, fileName: "l.theme")
    }
    let huge = Array(repeating: UInt8(ascii: "\n"), count: 100_000)
    #expect(throws: ThemeError.tooLarge(file: "h.theme", limit: 65536)) {
      try ThemeParser.parse(bytes: huge, fileName: "h.theme")
    }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      let bytes = (0..<200).map { _ in UInt8.random(in: 1...255, using: &generator) }
      _ = try? ThemeParser.parse(bytes: bytes, fileName: "r.theme")
    }
  }
}

@Suite struct ThemeDegradeTests {
  @Test func orangeBecomesYellowOnEightColours() {
    #expect(Color.orange.degraded(to: .eight) == .yellow)
    #expect(Color.indexed(214).degraded(to: .eight) == .yellow)
    #expect(Color.indexed(202).degraded(to: .eight) == .red)
    #expect(Color.bright(.green).degraded(to: .eight) == .green)
    #expect(Color.indexed(12).degraded(to: .eight) == .blue)
    #expect(Color.indexed(17).degraded(to: .eight) == .blue)  // navy keeps its hue
    #expect(Color.indexed(16).degraded(to: .eight) == .black)
    #expect(Color.indexed(252).degraded(to: .eight) == .white)
    #expect(Color.indexed(235).degraded(to: .eight) == .black)
    #expect(Color.rgb(255, 135, 0).degraded(to: .full256) == .indexed(208))
    #expect(Color.red.degraded(to: .none) == .default)
  }

  @Test func defaultThemeStillDistinguishesBalancesOnEightColours() {
    let theme = Theme.defaultTheme.degraded(to: .eight)
    #expect(theme[.accent].background == .yellow)
    #expect(theme[.balanceHealthy].foreground == .green)
    #expect(theme[.balanceLow].foreground == .yellow)
    #expect(theme[.balanceNegative].foreground == .red)
  }

  @Test func noColourMeansMonochrome() {
    let theme = Theme.defaultTheme.degraded(to: .none)
    #expect(theme == .monochrome)
    for role in Role.allCases {
      #expect(theme[role].foreground == .default && theme[role].background == .default)
    }
    #expect(theme[.selection].reverse)
    #expect(theme[.accent].reverse)
  }

  @Test func roleCodesAreUnique() {
    let codes = Role.allCases.map(\.code)
    #expect(Set(codes).count == codes.count)
    #expect(Role.allCases.allSatisfy { Role(code: $0.code) == $0 })
  }
}

@Suite struct ThemeLoaderTests {
  let themesDirectory = packageRoot() + "/themes"

  @Test func everyShippedThemeLoadsWithEveryRole() throws {
    let loader = ThemeLoader(directories: [themesDirectory])
    let names = loader.availableThemeNames()
    for expected in ["default", "dark", "light", "high-contrast", "monochrome"] {
      #expect(names.contains(expected))
    }
    let files = FileAccess.directoryEntries(atPath: themesDirectory).filter {
      $0.hasSuffix(".theme")
    }
    #expect(files.count >= 5)
    for file in files {
      let parsed = try ThemeLoader.readFile(atPath: themesDirectory + "/" + file)
      let styles = try loader.resolve(parsed, chain: [file])
      #expect(Set(styles.keys) == Set(Role.allCases), "\(file) misses roles")
      _ = try loader.load(named: String(file.dropLast(".theme".count)))
    }
  }

  @Test func shippedDefaultAndMonochromeMatchTheBuiltInCopies() throws {
    let loader = ThemeLoader(directories: [themesDirectory])
    #expect(try loader.load(named: "default") == Theme.defaultTheme)
    #expect(try loader.load(named: "monochrome") == Theme.monochrome)
  }

  @Test func builtInThemesWorkWithoutAnyFolder() throws {
    let loader = ThemeLoader(directories: ["/nonexistent/saldo/themes"])
    #expect(try loader.load(named: "default") == Theme.defaultTheme)
    #expect(
      loader.availableThemeNames() == ["dark", "default", "high-contrast", "light", "monochrome"])
  }

  @Test func unknownNameListsAvailableThemes() {
    let loader = ThemeLoader(directories: [themesDirectory])
    do {
      _ = try loader.load(named: "solarized")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix("unknown theme \"solarized\"; available: "))
      #expect(error.description.contains("high-contrast"))
    }
    #expect(throws: ThemeError.invalidThemeName(name: "../x")) { try loader.load(named: "../x") }
  }

  @Test func inheritanceCyclesMissingRolesAndUnreadableFiles() throws {
    let directory = try TemporaryDirectory()
    try directory.write("a.theme", "inherit = b\n")
    try directory.write("b.theme", "inherit = a\n")
    try directory.write("partial.theme", "normal = default\n")
    try directory.write("child.theme", "inherit = missing\n")
    try directory.write("ok.theme", "inherit = dark\naccent = black on 202\n")
    try directory.write("zero.theme", String(repeating: "x", count: 70_000))
    let loader = ThemeLoader(directories: [directory.path, themesDirectory])
    #expect(throws: ThemeError.inheritanceCycle(names: ["a", "b", "a"])) {
      try loader.load(named: "a")
    }
    do {
      _ = try loader.load(named: "partial")
      Issue.record("expected missing roles")
    } catch {
      #expect(error.description.hasPrefix("partial.theme: roles not set: muted, header"))
    }
    do {
      _ = try loader.load(named: "child")
      Issue.record("expected unknown parent")
    } catch {
      #expect(error.description.hasPrefix("child.theme:1: cannot inherit from unknown theme"))
    }
    #expect(throws: ThemeError.tooLarge(file: "zero.theme", limit: 65536)) {
      try loader.load(named: "zero")
    }
    let ok = try loader.load(named: "ok")
    #expect(ok[.accent].background == .indexed(202))
    #expect(ok[.normal].foreground == .indexed(252))  // from dark.theme
    #expect(throws: ThemeError.self) { try loader.load(path: directory.path + "/nope.theme") }
  }
}

/// A scratch directory removed when the test ends.
final class TemporaryDirectory {
  let path: String

  init() throws {
    var template = Array("/tmp/saldo-theme-test-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else { throw TestFailure("mkdtemp failed") }
    path = String(cString: created)
  }

  func write(_ name: String, _ text: String) throws {
    guard let file = fopen(path + "/" + name, "w") else {
      throw TestFailure("cannot write \(name)")
    }
    defer { fclose(file) }
    fputs(text, file)
  }

  deinit {
    for entry in FileAccess.directoryEntries(atPath: path) where entry != "." && entry != ".." {
      unlink(path + "/" + entry)
    }
    rmdir(path)
  }
}

struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

@Suite struct EmbeddedThemeTests {
  /// The `themes/` folder of the package, found from this source file.
  static var themesFolder: String {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/") + "/themes"
  }

  @Test func theBuiltInThemesEqualTheFiles() throws {
    let names = FileAccess.directoryEntries(atPath: Self.themesFolder)
      .filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) }.sorted()
    #expect(names == EmbeddedThemes.files.keys.sorted())
    for name in names {
      let bytes = try FileAccess.readBytes(
        atPath: Self.themesFolder + "/" + name + ".theme",
        limit: 1 << 20)
      #expect(
        String(decoding: bytes, as: UTF8.self) == (EmbeddedThemes.files[name] ?? "") + "\n",
        "themes/\(name).theme differs from the built-in copy")
    }
  }

  @Test func everyShippedThemeLoadsWithoutAFolder() throws {
    let loader = ThemeLoader(directories: [])
    for name in ["default", "dark", "light", "high-contrast", "monochrome"] {
      #expect(try loader.load(named: name).name == name)
    }
  }
}
