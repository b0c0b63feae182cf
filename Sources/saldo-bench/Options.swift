/// The command line of `saldo-bench`.
struct Options {
  var quick = false
  var only: [String] = []
  /// Nil: `.build-bench/results.json`, or `results-quick.json` with `--quick`, so a quick
  /// check never overwrites the last full results.
  var jsonPath: String?
  var dataFolder = ".build-bench/data"
  var rebuild = false
  var saldoPath: String?
  var help = false

  /// The benchmarks in the order they run; `--only` takes these names.
  static let benchmarks: [(name: String, summary: String)] = [
    ("ingest", "consumption ingest through the core, batched and one event per transaction"),
    ("balance", "balance of one environment at 10k, 1M and 10M events"),
    ("average", "100-day average of one environment at 10k, 1M and 10M events"),
    ("sweep", "the daily automatic-upgrade sweep over 5,000 and 100,000 environments"),
    ("tui", "My environment: first frame, keystroke redraw, peak memory of the TUI"),
    ("saldo-balance", "`saldo balance` as a whole process against the sqlite3 tool"),
  ]

  static let help = """
    saldo-bench: Saldo's benchmark suite, each figure next to the same work done directly
    against the sqlite3 C API on this machine.

    usage: saldo-bench [--quick] [--only NAME[,NAME...]] [--json PATH] [--data DIR]
                       [--rebuild] [--saldo PATH]

      --quick        tiny data sets and few repetitions: checks the suite works (seconds)
      --only NAME    run only these benchmarks (see below); repeatable
      --json PATH    where to write the results (default .build-bench/results.json;
                     .build-bench/results-quick.json with --quick)
      --data DIR     where generated databases are kept between runs
                     (default .build-bench/data)
      --rebuild      regenerate the databases even when cached ones match
      --saldo PATH   the release saldo binary for whole-process figures (default: the
                     saldo beside this executable)

    Build in release mode first; the table goes to stdout, progress to stderr.
      swift build -c release && swift run -c release saldo-bench

    benchmarks:

    """
    + benchmarks.map { "  " + BenchFormat.padded($0.name, 15) + $0.summary }.joined(separator: "\n")

  init(_ arguments: [String]) throws(BenchError) {
    var index = 0
    func value(_ name: String) throws(BenchError) -> String {
      index += 1
      guard index < arguments.count else { throw BenchError("\(name) needs a value") }
      return arguments[index]
    }
    while index < arguments.count {
      let word = arguments[index]
      switch word {
      case "--quick": quick = true
      case "--rebuild": rebuild = true
      case "--help", "-h": help = true
      case "--only":
        for name in try value(word).split(separator: ",").map(String.init) {
          guard Options.benchmarks.contains(where: { $0.name == name }) else {
            throw BenchError(
              "unknown benchmark \(name); choose from "
                + Options.benchmarks.map(\.name).joined(separator: ", "))
          }
          only.append(name)
        }
      case "--json": jsonPath = try value(word)
      case "--data": dataFolder = try value(word)
      case "--saldo": saldoPath = try value(word)
      default: throw BenchError("unknown option \(word); see saldo-bench --help")
      }
      index += 1
    }
  }

  func runs(_ benchmark: String) -> Bool { only.isEmpty || only.contains(benchmark) }

  var resultsPath: String {
    jsonPath ?? (quick ? ".build-bench/results-quick.json" : ".build-bench/results.json")
  }
}
