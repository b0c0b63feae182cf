import SaldoCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// What came back from an effect: progress while it runs, then its result.
enum WorkNews: Sendable {
  case progress(AppEvent)
  case finished(AppEvent)
}

/// Where the loop's effects run. The loop starts one at a time and asks for news; it never
/// touches the core itself.
protocol EffectPerformer: AnyObject {
  func start(_ effect: Effect)
  /// News since the last call, waiting up to `waitMs` for the first of it.
  func news(waitMs: Int) -> [WorkNews]
  /// How often the store has waited for another process's lock; grows while it waits.
  var lockWaits: Int { get }
}

/// Runs each effect at once on the loop's own thread: for tests and the benchmark, where
/// every frame must follow from the keys alone.
final class InlinePerformer: EffectPerformer {
  let runtime: Runtime
  private var pending: [WorkNews] = []

  init(runtime: Runtime) { self.runtime = runtime }

  func start(_ effect: Effect) {
    let result = runtime.perform(effect) { pending.append(.progress($0)) }
    pending.append(.finished(result))
  }

  func news(waitMs: Int) -> [WorkNews] {
    defer { pending = [] }
    return pending
  }

  var lockWaits: Int { 0 }
}

/// Runs effects on a thread of their own, with the runtime (and so the database connection)
/// handed over to that thread for good: the loop keeps reading keys and redrawing while an
/// export runs or another process holds the database. A plain thread, not a task: effects
/// block (SQLite, files, HTTPS), and blocking the shared pool would starve everything else.
public final class EffectWorker: EffectPerformer, Sendable {
  private let jobs: JobQueue
  private let mailbox = Mailbox()
  private let lockWait: LockWaitSignal

  /// - Parameter lockWait: the signal the runtime's store was opened with, so the screen can
  ///   say it is waiting for the database.
  public init(runtime: sending Runtime, lockWait: LockWaitSignal) throws {
    self.lockWait = lockWait
    let jobs = try JobQueue()
    self.jobs = jobs
    let mailbox = self.mailbox
    try WorkerThread.start {
      // Signals are the loop's: curses learns of resizes and Ctrl-C on its own thread.
      var all = sigset_t()
      sigfillset(&all)
      pthread_sigmask(SIG_BLOCK, &all, nil)
      while let batch = jobs.next() {
        for effect in batch {
          let result = runtime.perform(effect) { interim in mailbox.post(.progress(interim)) }
          mailbox.post(.finished(result))
        }
      }
    }
  }

  deinit { jobs.close() }

  func start(_ effect: Effect) { jobs.add(effect) }

  func news(waitMs: Int) -> [WorkNews] {
    // Short effects finish within a millisecond or two: checking often keeps keys snappy
    // without a busy loop.
    var waited = 0
    while true {
      let taken = mailbox.take()
      if !taken.isEmpty || waited >= waitMs { return taken }
      usleep(1000)
      waited += 1
    }
  }

  var lockWaits: Int { lockWait.count }
}

/// Effects for the worker, and a pipe that wakes it: it sleeps in read(2) while there is no
/// work, and learns from the pipe's end that the loop is gone.
private final class JobQueue: Sendable {
  private let pending = Mutex<[Effect]>([])
  private let wakeRead: Int32
  private let wakeWrite: Int32

  init() throws {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else {
      throw SaldoError.invalid(
        "cannot start the terminal interface: no pipe for its worker (errno \(errno));"
          + " close other programs and try again")
    }
    wakeRead = ends[0]
    wakeWrite = ends[1]
  }

  func add(_ effect: Effect) {
    pending.withLock { $0.append(effect) }
    var byte: UInt8 = 1
    _ = write(wakeWrite, &byte, 1)
  }

  /// Waits for work; nil once the loop has closed the queue.
  func next() -> [Effect]? {
    while true {
      var byte: UInt8 = 0
      let count = read(wakeRead, &byte, 1)
      if count < 0, errno == EINTR { continue }
      guard count == 1 else {
        Glibc.close(wakeRead)
        return nil
      }
      let batch = pending.withLock { jobs in
        defer { jobs = [] }
        return jobs
      }
      if !batch.isEmpty { return batch }
    }
  }

  func close() { Glibc.close(wakeWrite) }
}

/// Starts a detached POSIX thread running `body`.
private final class WorkerThread {
  let body: () -> Void

  private init(body: @escaping () -> Void) { self.body = body }

  static func start(_ body: @escaping () -> Void) throws {
    let context = Unmanaged.passRetained(WorkerThread(body: body)).toOpaque()
    var thread = pthread_t()
    let rc = pthread_create(
      &thread, nil,
      { context in
        guard let context else { return nil }
        Unmanaged<WorkerThread>.fromOpaque(context).takeRetainedValue().body()
        return nil
      }, context)
    guard rc == 0 else {
      Unmanaged<WorkerThread>.fromOpaque(context).release()
      throw SaldoError.invalid(
        "cannot start the terminal interface: no thread for its worker (error \(rc));"
          + " close other programs and try again")
    }
    pthread_detach(thread)
  }
}

/// News from the worker's thread to the loop's, in the order it happened.
private final class Mailbox: Sendable {
  private let news = Mutex<[WorkNews]>([])

  func post(_ item: WorkNews) { news.withLock { $0.append(item) } }

  func take() -> [WorkNews] {
    news.withLock { news in
      defer { news = [] }
      return news
    }
  }
}
