// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Linker flags that make the release `saldo` carry the C++ library and the curses libraries
/// inside, like the Swift runtime: as shared libraries the dynamic loader resolves about 2,200
/// of their symbols on every start, which cost `saldo balance` more than its query.
///
/// `-static-stdlib` names `-lstdc++` itself, ahead of any flag a package can add, so the only
/// way to make that name find the archive is a search folder holding `libstdc++.a` and no
/// shared library; it is made here, under `.build`, from the compiler's own archive. Without
/// one (another compiler layout) the flag is left out and the shared library is used.
func staticRuntimeFlags() -> [String] {
  let gcc = "/usr/lib/gcc/x86_64-linux-gnu"
  let files = FileManager.default
  guard
    let version = (try? files.contentsOfDirectory(atPath: gcc))?
      .filter({ files.fileExists(atPath: "\(gcc)/\($0)/libstdc++.a") })
      .max(by: { $0.compare($1, options: .numeric) == .orderedAscending })
  else { return [] }
  let folder = Context.packageDirectory + "/.build/static-libstdc++"
  let link = folder + "/libstdc++.a"
  let target = "\(gcc)/\(version)/libstdc++.a"
  if (try? files.destinationOfSymbolicLink(atPath: link)) != target {
    try? files.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try? files.removeItem(atPath: link)
    guard (try? files.createSymbolicLink(atPath: link, withDestinationPath: target)) != nil
    else { return [] }
  }
  return ["-L", folder]
}

let package = Package(
  name: "saldo",
  products: [
    .executable(name: "saldo", targets: ["saldo"])
  ],
  dependencies: [],
  targets: [
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    .systemLibrary(
      name: "CNcursesW",
      providers: [.apt(["libncursesw5-dev"])]
    ),
    // Headers only: libcurl itself is opened when a payment service is first called (shim.h).
    .systemLibrary(
      name: "CCurl",
      providers: [.apt(["libcurl4-openssl-dev"])]
    ),
    .target(
      name: "SaldoCore", dependencies: ["CSQLite"],
      // The catalog's source; EmbeddedCatalogs.swift carries it into the binary.
      exclude: ["Localization/nl.po"]),
    // HTTPS for the payment service; only the executable and the payment tests link it.
    .target(name: "SaldoHTTP", dependencies: ["SaldoCore", "CCurl"]),
    .target(name: "Terminal"),
    .target(
      name: "TerminalCurses", dependencies: ["Terminal", "CNcursesW"],
      // Shared in debug builds and tests; the release `saldo` links the archives (below).
      linkerSettings: [.linkedLibrary("ncursesw", .when(configuration: .debug))]),
    .target(name: "SaldoUI", dependencies: ["SaldoCore", "Terminal"]),
    .executableTarget(
      name: "saldo",
      dependencies: ["SaldoCore", "SaldoHTTP", "SaldoUI", "Terminal", "TerminalCurses"],
      // A release binary carries the Swift runtime inside: loading it as shared libraries
      // costs more than `saldo balance` itself.
      linkerSettings: [
        .unsafeFlags(
          ["-static-stdlib", "-Xlinker", "-l:libncursesw.a", "-Xlinker", "-l:libtinfo.a"]
            + staticRuntimeFlags(), .when(configuration: .release))
      ]
    ),
    .executableTarget(
      name: "saldo-bench", dependencies: ["SaldoCore", "CSQLite", "SaldoUI", "Terminal"]),
    .target(name: "TestSupport", dependencies: ["SaldoCore"], path: "Tests/TestSupport"),
    .testTarget(name: "SaldoCoreTests", dependencies: ["SaldoCore", "TestSupport"]),
    .testTarget(name: "SaldoCLITests", dependencies: ["SaldoCore", "TestSupport"]),
    .testTarget(name: "PaymentsTests", dependencies: ["SaldoCore", "SaldoHTTP", "TestSupport"]),
    .testTarget(name: "TerminalTests", dependencies: ["Terminal", "TerminalCurses"]),
    .testTarget(
      name: "SaldoUITests", dependencies: ["SaldoUI", "SaldoCore", "Terminal", "TestSupport"],
      exclude: ["__Snapshots__"]),
  ]
)
