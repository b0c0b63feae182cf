// swift-tools-version:6.0
import PackageDescription

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
    .systemLibrary(
      name: "CCurl",
      pkgConfig: "libcurl",
      providers: [.apt(["libcurl4-openssl-dev"])]
    ),
    .target(name: "SaldoCore", dependencies: ["CSQLite"]),
    // HTTPS for the payment service; only the executable and the payment tests link it.
    .target(name: "SaldoHTTP", dependencies: ["SaldoCore", "CCurl"]),
    .target(name: "Terminal"),
    .target(name: "TerminalCurses", dependencies: ["Terminal", "CNcursesW"]),
    .target(name: "SaldoUI", dependencies: ["SaldoCore", "Terminal"]),
    .executableTarget(
      name: "saldo",
      dependencies: ["SaldoCore", "SaldoHTTP", "SaldoUI", "Terminal", "TerminalCurses"],
      // A release binary carries the Swift runtime inside: loading it as shared libraries
      // costs more than `saldo balance` itself.
      linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
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
