import SaldoCore
import Terminal

/// Daily consumption as a bar chart with the daily need marked: a line at the 100-day
/// average, the rate at which the next 20 days are expected to use credit.
///
/// When the area is narrower than the number of days, neighbouring days are averaged into
/// one bar, so the chart always shows the whole period.
enum ConsumptionChart {
  static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
  static let asciiBlocks: [Character] = [" ", ".", ".", "_", "_", "=", "=", "#", "#"]

  /// The bars' values: one per column while the days fit, else each bar the average of the
  /// one or two days it covers, so the chart always fills its width with the whole period.
  static func bars(_ daily: [Money], width: Int) -> [Int64] {
    guard width > 0, !daily.isEmpty else { return [] }
    let count = min(width, daily.count)
    return (0..<count).map { bar in
      let start = bar * daily.count / count
      let end = max(start + 1, (bar + 1) * daily.count / count)
      let slice = daily[start..<end]
      return slice.reduce(0) { $0 + $1.mills } / Int64(slice.count)
    }
  }

  static func draw(
    into grid: inout Grid, rect: Rect, daily: [Money], average: Money, ascii: Bool
  ) {
    guard !rect.isEmpty else { return }
    let values = bars(daily, width: rect.width)
    let top = max(values.max() ?? 0, average.mills, 1)
    let levels = Int64(rect.height * 8)
    func eighths(_ value: Int64) -> Int64 { (value * levels + top / 2) / top }
    let needLevel = average.mills > 0 ? eighths(average.mills) : -1
    // The row (from the bottom) whose cell holds the need level; a level exactly at a row
    // boundary belongs to the row below it.
    let needRow = needLevel > 0 ? Int((needLevel - 1) / 8) : -1
    let glyphs = ascii ? asciiBlocks : blocks
    let line = ascii ? "-" : "─"
    for (index, value) in values.enumerated() {
      let filled = eighths(value)
      for row in 0..<rect.height {
        let part = Int(max(0, min(8, filled - Int64(row * 8))))
        let point = Point(x: rect.x + index, y: rect.maxY - 1 - row)
        if row == needRow && part < 8 {
          grid.put(
            part >= 4 ? String(glyphs[part]) : line, at: point,
            role: part >= 4 ? .chartBar : .chartNeed)
        } else if part > 0 {
          grid.put(String(glyphs[part]), at: point, role: .chartBar)
        }
      }
    }
    // The need line ends with the bars: beyond them there are no days to compare with.
  }
}
