#if canImport(Glibc)
  import Glibc
#endif

extension ConsumptionFileReader {
  /// Events per batch when reading a file: large enough to amortise a commit, small enough
  /// that other processes (an administrator topping up) are never kept waiting for long.
  public static let batchSize = 10_000

  /// Reads a whole consumption file line by line (constant memory, any size) and hands the
  /// events over in batches; lines that cannot be read go to `reject` with their number.
  public static func forEachBatch(
    of file: UnsafeMutablePointer<FILE>, batchSize: Int = batchSize,
    _ body: ([(line: Int, event: ConsumptionEvent)]) throws -> Void,
    reject: (RejectedLine) throws -> Void
  ) throws {
    var reader = ConsumptionFileReader()
    var batch: [(line: Int, event: ConsumptionEvent)] = []
    batch.reserveCapacity(batchSize)
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
      if batch.count >= batchSize {
        try body(batch)
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
