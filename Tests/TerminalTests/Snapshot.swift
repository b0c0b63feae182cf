import Terminal

/// Text and role codes of a grid, interleaved row by row, so one string comparison checks
/// both what is written and how it is coloured.
func snapshot(_ grid: Grid) -> String {
  zip(grid.textLines(), grid.roleLines())
    .map { "\($0)\n\($1)" }
    .joined(separator: "\n")
}

/// The package root, found from this file's path, for tests that read `themes/`.
func packageRoot(_ file: String = #filePath) -> String {
  var parts = file.split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)  // Tests/TerminalTests/Snapshot.swift
  return parts.joined(separator: "/")
}
