import SaldoCore

/// One generated consumption event, compact enough to hold a million in memory.
struct GeneratedEvent {
  /// Index of the environment in the population.
  var environment: Int32
  var organisationID: Int64
  var kind: TransactionKind
  var at: Int64
  /// The Amsterdam day of `at`.
  var day: Int64
  /// The platform's event id: 128 random bits, written as 32 hex digits like a UUID without
  /// dashes. Random ids are the realistic case, and the hard one for the unique index.
  var idHigh: UInt64
  var idLow: UInt64

  /// Writes the 32-digit id into `buffer` (at least 32 bytes).
  func writeID(into buffer: UnsafeMutableBufferPointer<UInt8>) {
    let digits: StaticString = "0123456789abcdef"
    digits.withUTF8Buffer { hex in
      for index in 0..<16 {
        buffer[index] = hex[Int((idHigh >> (60 - 4 * UInt64(index))) & 0xF)]
        buffer[16 + index] = hex[Int((idLow >> (60 - 4 * UInt64(index))) & 0xF)]
      }
    }
  }

  var id: String {
    var bytes = [UInt8](repeating: 0, count: 32)
    bytes.withUnsafeMutableBufferPointer { writeID(into: $0) }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// The consumption of a generated platform in time order: the events of each Amsterdam day of
/// the history, evenly spaced through the day, each charged to an environment drawn by its
/// weight and to one of its organisations.
struct EventStream: Sequence, IteratorProtocol {
  /// The mix of transaction kinds: most e-invoices are received or sent automatically.
  static let kindMix: [(kind: TransactionKind, share: Double)] = [
    (.receive, 0.45), (.send, 0.35), (.pdf, 0.12), (.manual, 0.08),
  ]

  private let population: Population
  private let total: Int
  private var random: SeededRandom
  private var produced = 0
  private var dayIndex = -1
  private var dayEnd = 0
  private var dayStart: Int64 = 0
  private var dayLength: Int64 = 0
  private var dayFirst = 0
  private var dayCount = 0

  /// `count` events (default: the data set's) over the population's history; `salt` gives an
  /// independent stream with the same shape.
  init(_ population: Population, count: Int? = nil, salt: UInt64 = 0) {
    self.population = population
    total = count ?? population.spec.events
    random = SeededRandom(seed: population.spec.seed ^ 0x4556_454E_5453 ^ salt)
  }

  mutating func next() -> GeneratedEvent? {
    guard produced < total else { return nil }
    while produced >= dayEnd { startNextDay() }
    let offset = Int64(produced - dayFirst) * dayLength / Int64(Swift.max(dayCount, 1))
    let environment = pickEnvironment()
    let organisations = population.organisations[environment]
    let organisation = organisations[Int(random.next() % UInt64(organisations.count))]
    let event = GeneratedEvent(
      environment: Int32(environment), organisationID: organisation, kind: pickKind(),
      at: dayStart + offset, day: population.firstDay.number + Int64(dayIndex),
      idHigh: random.next(), idLow: random.next())
    produced += 1
    return event
  }

  private mutating func startNextDay() {
    dayIndex += 1
    let days = population.spec.days
    dayFirst = dayEnd
    dayEnd = dayIndex >= days - 1 ? total : Int(Int64(total) * Int64(dayIndex + 1) / Int64(days))
    dayCount = dayEnd - dayFirst
    let day = population.firstDay.adding(days: Int64(dayIndex))
    dayStart = day.start.seconds
    dayLength = day.adding(days: 1).start.seconds - dayStart
  }

  private mutating func uniform() -> Double { Double(random.next() >> 11) * 0x1p-53 }

  private mutating func pickEnvironment() -> Int {
    let u = uniform()
    let weights = population.weights
    var low = 0
    var high = weights.count - 1
    while low < high {
      let middle = (low + high) / 2
      if weights[middle] <= u { low = middle + 1 } else { high = middle }
    }
    return low
  }

  private mutating func pickKind() -> TransactionKind {
    var u = uniform()
    for (kind, share) in Self.kindMix {
      if u < share { return kind }
      u -= share
    }
    return .receive
  }

  /// The whole stream in memory, for the baselines.
  static func all(_ population: Population, count: Int? = nil, salt: UInt64 = 0)
    -> [GeneratedEvent]
  {
    var events: [GeneratedEvent] = []
    events.reserveCapacity(count ?? population.spec.events)
    for event in EventStream(population, count: count, salt: salt) { events.append(event) }
    return events
  }
}

/// Writes events as the JSON lines `saldo consume --file` reads, organisations named by id
/// (an operator feeding the whole platform).
enum EventFile {
  static func write(_ events: some Sequence<GeneratedEvent>, to path: String) throws(BenchError)
    -> Int
  {
    let writer = try FileWriter(path: path)
    var count = 0
    var id = [UInt8](repeating: 0, count: 32)
    for event in events {
      id.withUnsafeMutableBufferPointer { event.writeID(into: $0) }
      writer.append("{\"id\":\"")
      writer.append(id)
      writer.append(
        "\",\"org\":\"" + String(event.organisationID) + "\",\"kind\":\"" + event.kind.rawValue
          + "\",\"at\":\"" + Instant(seconds: event.at).rfc3339 + "\"}\n")
      count += 1
    }
    writer.close()
    return count
  }
}
