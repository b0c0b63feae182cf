/// A kind of processed e-invoice, each with its own price in the environment's plan.
public enum TransactionKind: String, Sendable, CaseIterable, Codable {
  /// Automatic sending: API, software connection, e-mail.
  case send
  /// Receiving an XML e-invoice.
  case receive
  /// PDF conversion.
  case pdf
  /// Manual sending on the platform: free.
  case manual

  /// What the kind is called where a person reads it, in their language (`Language.current`).
  public var label: String {
    switch self {
    case .send: return tr("automatic sending")
    case .receive: return tr("receiving an e-invoice (XML)")
    case .pdf: return tr("PDF conversion")
    case .manual: return tr("manual sending")
    }
  }

  /// The kind in a word or two, where a column names a use of the credit ("use: send"; in
  /// Dutch "verzenden").
  public var useLabel: String {
    switch self {
    case .send: return tr("use: send")
    case .receive: return tr("use: receive")
    case .pdf: return tr("use: pdf")
    case .manual: return tr("use: manual")
    }
  }

  public static func parse(_ text: String) -> TransactionKind? {
    // Feeds write the lowercase name; lowercasing a copy is for the rest, once per event.
    TransactionKind(rawValue: text) ?? TransactionKind(rawValue: text.lowercased())
  }
}

/// What a ledger entry records. The ledger only grows: a mistake is a new `correction`.
public enum EntryKind: String, Sendable, CaseIterable, Codable {
  case topUp = "topup"
  case bonus
  case consumption
  case correction

  /// What the entry is, as a person reads it in their language; `rawValue` is for machine
  /// formats (CSV, JSON).
  public var label: String {
    switch self {
    case .topUp: return tr("top-up")
    case .bonus: return tr("bonus")
    case .consumption: return tr("consumption")
    case .correction: return tr("correction")
    }
  }
}

/// A person's role in one environment.
public enum MemberRole: String, Sendable, CaseIterable, Codable {
  case administrator
  case member

  /// The role as a person reads it, in their language; `rawValue` is for machine formats.
  public var label: String {
    switch self {
    case .administrator: return tr("administrator")
    case .member: return tr("member")
    }
  }

  public static func parse(_ text: String) -> MemberRole? {
    switch text.lowercased() {
    case "administrator", "admin": return .administrator
    case "member": return .member
    default: return nil
    }
  }
}

/// Ways to pay for credit. Which can be activated depends on the environment's plan.
public enum PaymentMethod: String, Sendable, CaseIterable, Codable {
  case ideal
  case bancontact
  case invoice
  case directDebit = "direct-debit"

  /// The method as a person reads it, in their language (`Language.current`).
  public var label: String { label(in: .current) }

  public func label(in language: Language) -> String {
    switch self {
    case .ideal: return "iDEAL | Wero"
    case .bancontact: return "Bancontact"
    case .invoice: return tr("Invoice", language)
    case .directDebit: return tr("SEPA direct debit", language)
    }
  }
}
