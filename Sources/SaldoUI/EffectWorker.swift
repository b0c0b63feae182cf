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
/// export runs or another process holds the database.
public final class EffectWorker: EffectPerformer, Sendable {
  private let jobs: AsyncStream<Effect>.Continuation
  private let mailbox = Mailbox()
  private let lockWait: LockWaitSignal

  /// - Parameter lockWait: the signal the runtime's store was opened with, so the screen can
  ///   say it is waiting for the database.
  public init(runtime: sending Runtime, lockWait: LockWaitSignal) {
    self.lockWait = lockWait
    let (stream, jobs) = AsyncStream.makeStream(of: Effect.self)
    self.jobs = jobs
    let mailbox = self.mailbox
    Task.detached {
      for await effect in stream {
        let result = runtime.perform(effect) { interim in
          mailbox.post(.progress(interim))
        }
        mailbox.post(.finished(result))
      }
    }
  }

  deinit { jobs.finish() }

  func start(_ effect: Effect) { jobs.yield(effect) }

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
