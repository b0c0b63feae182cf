#if canImport(Glibc)
  import Glibc
#endif

extension CreditService {
  /// Records a consumption file (JSON lines or CSV) in batches. With `strict`, the whole file
  /// is one transaction, so one bad line leaves nothing behind; without it, good lines are
  /// recorded and bad ones reported. `scope` nil lets an operator feed every environment.
  /// `progress` hears after every batch how many events were read and how far into the file
  /// (in bytes, of its size when it is a regular file).
  public func importConsumption(
    from file: UnsafeMutablePointer<FILE>, scope: Environment?, strict: Bool,
    progress: ((WorkProgress) -> Void)? = nil
  ) throws -> ConsumptionSummary {
    let recorder = ConsumptionRecorder(saldo: core, scope: scope, strict: strict)
    var size: Int64?
    var info = stat()
    if progress != nil, fstat(fileno(file), &info) == 0, info.st_mode & S_IFMT == S_IFREG {
      size = Int64(info.st_size)
    }
    var events: Int64 = 0
    func run() throws {
      try ConsumptionFileReader.forEachBatch(of: file) { batch in
        try recorder.record(batch)
        events += Int64(batch.count)
        if let progress {
          progress(WorkProgress(items: events, position: max(0, Int64(ftello(file))), total: size))
        }
      } reject: { line in
        try recorder.reject(line)
      }
    }
    if strict { try store.write { try run() } } else { try run() }
    return recorder.summary
  }
}
