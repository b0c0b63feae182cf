import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the chosen benchmarks, prints the table and writes the JSON file. Exits 1 when the
/// suite itself fails (a benchmark could not run), never because a target was missed.
func runBench(_ arguments: [String]) -> Int32 {
  // Children this benchmark starts to time a process from its start.
  if arguments.first == "--child", arguments.count >= 2 {
    let rest = Array(arguments.dropFirst(2))
    switch arguments[1] {
    case "first-frame": return TUIBenchmark.childFirstFrame(rest)
    case "raw-frame": return TUIBenchmark.childRawFrame(rest)
    default: return 2
    }
  }
  let options: Options
  do { options = try Options(arguments) } catch {
    BenchDiagnostics.write("saldo-bench: \(error)\n")
    return 1
  }
  if options.help {
    print(Options.help)
    return 0
  }
  guard let account = SystemAccount.current() else {
    BenchDiagnostics.write("saldo-bench: cannot tell which account this is\n")
    return 1
  }
  let scale = options.quick ? Scale.quickScale : Scale.full
  let saldoPath =
    options.saldoPath
    ?? [FileText.directory(of: FileText.executablePath()) + "/saldo"].first(
      where: FileText.isExecutable)
  let context: BenchContext
  do {
    try FileText.makeFolders(options.dataFolder)
    context = BenchContext(
      scale: scale, folder: options.dataFolder, account: account, rebuild: options.rebuild,
      saldoPath: saldoPath, core: try CoreProbe.run(folder: options.dataFolder))
  } catch {
    BenchDiagnostics.write("saldo-bench: \(error)\n")
    return 1
  }
  let benchmarks: [(String, (BenchContext) throws -> [Figure])] = [
    ("ingest", IngestBenchmark.run),
    ("balance", { try ReadBenchmark.run(.balance, $0) }),
    ("average", { try ReadBenchmark.run(.average, $0) }),
    ("sweep", SweepBenchmark.run),
    ("tui", TUIBenchmark.run),
    ("saldo-balance", ProcessBenchmark.run),
  ]
  var figures: [Figure] = []
  var failed = false
  do {
    for (name, benchmark) in benchmarks where options.runs(name) {
      let (produced, nanos) = try timed { try benchmark(context) }
      figures += produced
      context.log("\(name): done in \(BenchFormat.number(Unit.seconds.fromNanos(Double(nanos)))) s")
    }
  } catch {
    BenchDiagnostics.write("saldo-bench: \(error)\n")
    failed = true
  }
  let mode = scale.quick ? "quick (tiny data sets: timings are not meaningful)" : "full"
  print("Saldo benchmark, \(mode); ratio = value / baseline")
  print(
    "Baselines use the sqlite3 C API with WAL, synchronous=NORMAL and the core's page cache"
      + " (PRAGMA cache_size=\(context.core.cacheSize)); in this process they share the core's"
      + " process-wide SQLite settings (no memory statistics, statement journals in memory).\n")
  print(Report.table(figures))
  print("\n" + Report.notes(figures))
  do {
    let folder = FileText.directory(of: options.resultsPath)
    if options.resultsPath.contains("/") { try FileText.makeFolders(folder) }
    try FileText.write(
      Report.json(figures, machine: Report.machine(mode: scale.quick ? "quick" : "full")),
      to: options.resultsPath)
    print("\nResults written to \(options.resultsPath)")
  } catch {
    BenchDiagnostics.write("saldo-bench: \(error)\n")
    failed = true
  }
  return failed ? 1 : 0
}

enum BenchDiagnostics {
  static func write(_ text: String) {
    var copy = text
    copy.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
  }
}

exit(runBench(Array(CommandLine.arguments.dropFirst())))
