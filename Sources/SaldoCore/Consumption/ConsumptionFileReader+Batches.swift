#if canImport(Glibc)
  import Glibc
#endif

extension ConsumptionFileReader {
  /// Reads a whole consumption file line by line (memory bounded by the largest batch, any
  /// size of file) and hands the events over in batches as `pacing` sizes them; lines that
  /// cannot be read go to `reject` with their number. A feed that trickles in on standard
  /// input is handed over once its oldest waiting event has waited `pacing`'s budget, so its
  /// events are not held back until a large batch fills. `clock` is monotonic nanoseconds.
  public static func forEachBatch(
    of file: UnsafeMutablePointer<FILE>, pacing: ImportPacing = ImportPacing(),
    clock: () -> UInt64 = ProgressMeter.monotonicNanos,
    _ body: ([(line: Int, event: ConsumptionEvent)]) throws -> Void,
    reject: (RejectedLine) throws -> Void
  ) throws {
    var reader = ConsumptionFileReader()
    var pacing = pacing
    var waitingSince: UInt64 = 0
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
        if let event = try reader.parse(line: bytes) {
          if batch.isEmpty { waitingSince = clock() }
          batch.append((reader.lineNumber, event))
        }
      } catch {
        try reject(error)
      }
      if !batch.isEmpty, pacing.isDue(events: batch.count, waited: clock() - waitingSince) {
        let start = clock()
        try body(batch)
        pacing.finished(events: batch.count, nanos: clock() - start)
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
