import Foundation
import Testing

/// Golden files for screens: `__Snapshots__/<Suite>/<name>.txt` beside the test file. A
/// missing or different file fails the test; run with `UPDATE_SNAPSHOTS=1` to (re)record.
public enum GoldenSnapshot {
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1"
  }

  /// The text of a screen and the role letters of its cells, as one file.
  public static func render(text: [String], roles: [String]) -> String {
    text.joined(separator: "\n") + "\n-- roles --\n" + roles.joined(separator: "\n") + "\n"
  }

  public static func assertMatches(
    _ content: String, suite: String, name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
      .appendingPathComponent("__Snapshots__").appendingPathComponent(suite)
    let file = folder.appendingPathComponent(name + ".txt")
    if isRecording {
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      do {
        try content.write(to: file, atomically: true, encoding: .utf8)
      } catch {
        Issue.record(
          Comment(rawValue: "cannot record \(file.path): \(error)"), sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
      Issue.record(
        Comment(
          rawValue: "no snapshot \(suite)/\(name).txt; run with UPDATE_SNAPSHOTS=1 to record it"),
        sourceLocation: sourceLocation)
      return
    }
    guard expected != content else { return }
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let got = content.split(separator: "\n", omittingEmptySubsequences: false)
    let line =
      zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(want.count, got.count)
    let wanted = line < want.count ? String(want[line]) : "<end>"
    let actual = line < got.count ? String(got[line]) : "<end>"
    let message: String =
      "snapshot \(suite)/\(name).txt differs at line \(line + 1):\n  expected: \(wanted)\n"
      + "  actual:   \(actual)\n(run with UPDATE_SNAPSHOTS=1 to accept)\n\(content)"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
  }
}
