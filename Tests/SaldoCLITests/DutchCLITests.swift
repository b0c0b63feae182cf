import Foundation
import Testing
import TestSupport

/// The command line in Dutch: every help text is translated when it is shown (none falls back
/// to English), the layout stays that of the English help, and what scripts read stays English.
@Suite struct DutchCLITests {
  let directory = TemporaryDirectory()
  var db: String { directory.file("saldo.db") }

  func saldo(_ arguments: String...) throws -> String {
    let result = try SaldoProcess.run(arguments)
    #expect(result.status == 0, "\(arguments): \(result.stderr)")
    return result.stdout
  }

  /// The command table of the overview: the lines after its header (`commands:` in English),
  /// each a name and a summary apart by at least two spaces.
  static func commandTable(_ overview: String, header: Int, count: Int) -> [(String, String)] {
    let lines = overview.split(separator: "\n", omittingEmptySubsequences: false)
    return lines.dropFirst(header + 1).prefix(count).map { line in
      let text = line.dropFirst(2)
      guard let gap = text.range(of: "  ") else { return (String(text), "") }
      return (
        String(text[..<gap.lowerBound]),
        String(text[gap.upperBound...].drop { $0 == " " })
      )
    }
  }

  /// `saldo help NAME` in its parts: the usage lines, the summary, and the rest.
  static func parts(_ help: String) -> (usage: String, summary: String, details: String) {
    guard let end = help.range(of: "\n\n") else { return (help, "", "") }
    let rest = help[end.upperBound...]
    let summary = rest.prefix { $0 != "\n" }
    let details = rest.dropFirst(summary.count).drop { $0 == "\n" }
    return (String(help[..<end.lowerBound]), String(summary), String(details))
  }

  /// Lines of running text (four or more plain lowercase words), which a translation never
  /// leaves as they are; option names, paths, codes and example commands may stay.
  static func proseLines(_ text: String) -> Set<String> {
    Set(
      text.split(separator: "\n").map(String.init).filter { line in
        line.split(separator: " ").filter { word in
          word.count >= 3 && word.allSatisfy { $0.isLowercase && $0.isLetter }
        }.count >= 4
      })
  }

  /// Help lines within 92 columns; usage lines are command syntax, the same in every language.
  static func tooWide(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { $0.count > 92 }
  }

  @Test func everyHelpTextIsTranslated() throws {
    let english = try saldo("--lang", "en", "--help")
    let dutch = try saldo("--lang", "nl", "--help")
    let englishLines = english.split(separator: "\n", omittingEmptySubsequences: false)
    let header = try #require(englishLines.firstIndex(of: "commands:"))
    let count = englishLines.dropFirst(header + 1).prefix { !$0.isEmpty }.count
    let commands = Self.commandTable(english, header: header, count: count)
    let dutchCommands = Self.commandTable(dutch, header: header, count: count)
    #expect(commands.count > 40)
    #expect(dutchCommands.map(\.0) == commands.map(\.0), "the Dutch table lists other commands")
    let left = Self.proseLines(english).intersection(Self.proseLines(dutch))
    #expect(left.isEmpty, "English lines in the Dutch overview: \(left)")
    #expect(
      Self.tooWide(dutch).filter { !$0.hasPrefix("usage: ") && !$0.hasPrefix("       ") }
        .isEmpty)

    for ((name, summary), (_, dutchSummary)) in zip(commands, dutchCommands) {
      let words = name.split(separator: " ").map(String.init)
      if name == "help COMMAND" {
        #expect(dutchSummary != summary)
        continue
      }
      let help = Self.parts(try SaldoProcess.run(["--lang", "en", "help"] + words).stdout)
      let dutchHelp = Self.parts(try SaldoProcess.run(["--lang", "nl", "help"] + words).stdout)
      #expect(help.summary == summary, "\(name)")
      #expect(dutchHelp.usage == help.usage, "\(name): usage lines are command syntax")
      #expect(dutchHelp.summary == dutchSummary, "\(name)")
      #expect(!dutchSummary.isEmpty && dutchSummary != summary, "\(name): summary in English")
      #expect(dutchHelp.details.isEmpty == help.details.isEmpty, "\(name)")
      if !help.details.isEmpty {
        #expect(dutchHelp.details != help.details, "\(name): details in English")
        let left = Self.proseLines(help.details).intersection(Self.proseLines(dutchHelp.details))
        #expect(left.isEmpty, "\(name): English lines in the Dutch help: \(left)")
      }
      let wide = Self.tooWide(dutchHelp.summary + "\n" + dutchHelp.details)
      #expect(wide.isEmpty, "\(name): lines wider than 92 columns: \(wide)")
    }
  }

  @Test func messagesFollowTheLanguageAndScriptsReadEnglish() throws {
    _ = try saldo("--db", db, "init", "--env", "Acme", "--org", "Acme B.V.")
    #expect(try saldo("--db", db, "--lang", "nl", "balance").contains("  Saldo  "))
    for command in [
      ["balance", "--json"], ["org", "list", "--json"], ["user", "list", "--json"],
    ] {
      let english = try SaldoProcess.run(["--db", db, "--lang", "en"] + command)
      let dutch = try SaldoProcess.run(["--db", db, "--lang", "nl"] + command)
      #expect(dutch.stdout == english.stdout, "\(command): JSON is the same in every language")
    }
    // Problems in `check --ssh --json` are values a script may match on.
    let check = ["--db", db, "check", "--ssh", "--json"]
    let englishCheck = try SaldoProcess.run(["--lang", "en"] + check)
    let dutchCheck = try SaldoProcess.run(["--lang", "nl"] + check)
    #expect(dutchCheck.stdout == englishCheck.stdout)
    #expect(dutchCheck.status == englishCheck.status)

    // The locale decides when neither --lang nor the config does, even for a mistake in the
    // global options themselves.
    let dutchLocale = ["LC_ALL": "nl_NL.UTF-8", "XDG_CONFIG_HOME": directory.path]
    let unknown = try SaldoProcess.run(["--db", db, "frobnicate"], environment: dutchLocale)
    #expect(unknown.status == 1)
    #expect(unknown.stderr == "saldo: onbekende opdracht \"frobnicate\"; zie `saldo --help`\n")
    let missing = try SaldoProcess.run(["--db"], environment: dutchLocale)
    #expect(missing.stderr == "saldo: --db heeft een waarde nodig; zie `saldo --help`\n")
    let english = try SaldoProcess.run(["--lang", "en", "--db", db, "frobnicate"])
    #expect(english.stderr == "saldo: unknown command \"frobnicate\"; see `saldo --help`\n")
  }
}
