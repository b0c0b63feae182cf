/// One processed e-invoice reported by the platform, before it is charged.
public struct ConsumptionEvent: Sendable, Hashable {
  /// The platform's id for the event; the same id is charged once, however often it is sent.
  public var externalID: String?
  /// An organisation's name (in the chosen environment) or its numeric id.
  public var organisation: String
  public var kind: TransactionKind
  /// When it happened; `nil` means now.
  public var at: Instant?

  public init(externalID: String?, organisation: String, kind: TransactionKind, at: Instant?) {
    self.externalID = externalID
    self.organisation = organisation
    self.kind = kind
    self.at = at
  }
}

/// A line of a consumption file that could not be read, with its line number.
public struct RejectedLine: Error, Sendable, Hashable, CustomStringConvertible {
  public let line: Int
  let texts: Translations

  public init(line: Int, reason: String) {
    self.init(line: line, Translations { _ in reason })
  }

  init(line: Int, _ reason: Translations) {
    self.line = line
    self.texts = reason
  }

  /// Why, as the code writes it (English): what machine formats such as `--json` carry.
  public var reason: String { texts.english }

  /// Why, in the reader's language.
  public var message: String { texts.text(in: .current) }

  /// `line N: why`, in the reader's language.
  public var description: String { tr("line \(line): \(message)") }
}

/// What a consumption run did.
public struct ConsumptionSummary: Sendable, Hashable {
  public var recorded = 0
  /// Events whose external id was charged before (now or in an earlier run).
  public var alreadyKnown = 0
  public var rejected: [RejectedLine] = []
  public var charged = Money.zero
  /// Environments whose balance is at or below zero after the run: API traffic blocked.
  public var blockedEnvironments: [String] = []
  /// Environments whose automatic upgrade topped up during the run.
  public var autoUpgraded: [String] = []

  public init() {}
}
