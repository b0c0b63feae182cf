#if canImport(Glibc)
  import Glibc
#endif

extension ConsumptionFileReader {
  /// Reads a whole consumption file line by line (memory bounded by the largest batch, any
  /// size of file) and hands the events over in batches as `pacing` sizes them; lines that
  /// cannot be read go to `reject` with their number.
  public static func forEachBatch(
    of file: UnsafeMutablePointer<FILE>, pacing: ImportPacing = ImportPacing(),
    _ body: ([(line: Int, event: ConsumptionEvent)]) throws -> Void,
    reject: (RejectedLine) throws -> Void
  ) throws {
    var reader = ConsumptionFileReader()
    var pacing = pacing
    var batch: [(line: Int, event: ConsumptionEvent)] = []
    batch.reserveCapacity(pacing.next)
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(line) }
    while true {
      let length = getline(&line, &capacity, file)
      if length < 0 { break }
      guard let raw = line else { break }
      var count = length
      while count > 0, raw[count - 1] == 10 || raw[count - 1] == 13 { count -= 1 }
      let bytes = UnsafeRawBufferPointer(start: raw, count: count)
      do throws(RejectedLine) {
        if let event = try reader.parse(line: bytes) { batch.append((reader.lineNumber, event)) }
      } catch {
        try reject(error)
      }
      if batch.count >= pacing.next {
        let start = ProgressMeter.monotonicNanos()
        try body(batch)
        pacing.finished(events: batch.count, nanos: ProgressMeter.monotonicNanos() - start)
        batch.removeAll(keepingCapacity: true)
      }
    }
    if ferror(file) != 0 {
      throw SaldoError.invalid(
        tr(
          "reading the consumption file failed: \(String(cString: strerror(errno)))"))
    }
    if !batch.isEmpty { try body(batch) }
  }
}
