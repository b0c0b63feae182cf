/// Mollie's Payments API (v2) as documented: the request that creates a payment, what its
/// answers say, and how its statuses map onto Saldo's payment life. Pure: the HTTP call itself
/// is the caller's, so everything here is tested without a network.
public enum MollieAPI {
  /// Mollie's API; anything else needs a `test_` key (see `MollieProviderSettings`).
  public static let baseURL = "https://api.mollie.com"

  /// The `method` value Mollie expects for a Saldo payment method; nil for the methods Saldo
  /// does not take through Mollie.
  public static func methodName(_ method: PaymentMethod) -> String? {
    switch method {
    case .ideal: "ideal"
    case .bancontact: "bancontact"
    default: nil
    }
  }

  /// `{"currency":"EUR","value":"302.50"}`: Mollie takes exactly two decimals.
  public static func amountValue(_ money: Money) -> String? {
    guard money.isWholeCents, !money.isNegative else { return nil }
    let cents = money.mills / 10
    let fraction = cents % 100
    return "\(cents / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
  }

  /// Reads Mollie's `"302.50"`; nil for anything but digits, a point and two decimals.
  public static func money(_ value: String) -> Money? {
    let parts = value.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].utf8.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 9,
      parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
      let euros = Int64(parts[0]), let cents = Int64(parts[1])
    else { return nil }
    return Money(mills: (euros * 100 + cents) * 10)
  }

  static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
    (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
  }

  /// What Saldo asks Mollie for when a top-up is paid online.
  public struct CreatePayment: Sendable, Equatable {
    public var total: Money
    public var description: String
    public var method: PaymentMethod
    public var redirectURL: String
    /// Saldo's payment id, carried in `metadata` so a payment found at Mollie can be matched.
    public var paymentID: Int64
    /// Sent as the `Idempotency-Key` header: the same key recreates nothing.
    public var idempotencyKey: String

    public init(
      total: Money, description: String, method: PaymentMethod, redirectURL: String,
      paymentID: Int64, idempotencyKey: String
    ) {
      self.total = total
      self.description = description
      self.method = method
      self.redirectURL = redirectURL
      self.paymentID = paymentID
      self.idempotencyKey = idempotencyKey
    }

    /// The JSON body of `POST /v2/payments`; nil when the amount or method cannot be sent.
    public var body: String? {
      guard let value = MollieAPI.amountValue(total), let name = MollieAPI.methodName(method)
      else { return nil }
      return JSON.object([
        ("amount", .object([("currency", .string("EUR")), ("value", .string(value))])),
        ("description", .string(description)),
        ("method", .string(name)),
        ("redirectUrl", .string(redirectURL)),
        ("metadata", .object([("saldo_payment_id", .string(String(paymentID)))])),
      ]).rendered()
    }
  }

  /// The description Mollie shows the payer and puts on the bank statement: the environment
  /// and the invoice that will follow. Mollie allows 255 characters.
  public static func description(environmentName: String, paymentID: Int64) -> String {
    let text =
      "Saldo transaction credit for \(environmentName), payment \(paymentID);"
      + " the invoice follows in the Inbox-in"
    return String(text.prefix(255))
  }

  /// A payment as Mollie answers it.
  public struct PaymentResource: Sendable, Equatable {
    /// `tr_…`.
    public var id: String
    /// Mollie's status word as sent.
    public var status: String
    /// Where the payer pays; absent once the payment is final.
    public var checkoutURL: String?
    /// Saldo's payment id from `metadata`, when present.
    public var saldoPaymentID: Int64?
    public var mode: String?
    /// `amount` as Mollie holds it: checked against the stored payment before any credit.
    public var total: Money?

    /// Reads the answer to a create or get; nil fields are refused with what is missing.
    public static func parse(_ body: [UInt8]) throws -> PaymentResource {
      let json: JSONValue
      do { json = try JSONValue.parse(body) } catch {
        throw MollieError.malformedAnswer("not JSON (\(error.description))")
      }
      guard let id = json["id"]?.string, id.hasPrefix("tr_"), id.utf8.count <= 64,
        id.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || isASCIIAlphanumeric($0) })
      else { throw MollieError.malformedAnswer("no payment id (tr_…)") }
      guard let status = json["status"]?.string, Status(rawValue: status) != nil else {
        throw MollieError.malformedAnswer("an unknown payment status")
      }
      let checkout = json["_links"]?["checkout"]?["href"]?.string
      // The link is printed, drawn and copied: printable ASCII only, so an answer cannot
      // smuggle terminal control sequences or look-alike characters onto the screen.
      if let checkout,
        !checkout.hasPrefix("https://") || checkout.utf8.count > 2000
          || !checkout.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
      {
        throw MollieError.malformedAnswer("a checkout link that is not a plain https address")
      }
      var total: Money?
      if let amount = json["amount"] {
        guard amount["currency"]?.string == "EUR", let value = amount["value"]?.string,
          let parsed = MollieAPI.money(value)
        else { throw MollieError.malformedAnswer("an amount that is not in euros") }
        total = parsed
      }
      let saldoID = json["metadata"]?["saldo_payment_id"]?.string.flatMap { Int64($0) }
      return PaymentResource(
        id: id, status: status, checkoutURL: checkout, saldoPaymentID: saldoID,
        mode: json["mode"]?.string, total: total)
    }
  }

  /// Mollie's payment statuses (Payments API v2).
  public enum Status: String, Sendable, CaseIterable {
    case open, pending, authorized, paid, failed, canceled, expired

    /// Where this leaves the Saldo payment: open stays open; pending and authorized mean the
    /// payer is paying (an authorized payment is not money yet); only paid credits.
    public var saldoStatus: PaymentStatus {
      switch self {
      case .open: .open
      case .pending, .authorized: .pending
      case .paid: .paid
      case .failed: .failed
      case .canceled: .canceled
      case .expired: .expired
      }
    }
  }
}

/// What went wrong talking to Mollie, as one line that says what to do. Built from Mollie's
/// documented error body (`status`, `title`, `detail`, `field`); never holds the API key.
public enum MollieError: Error, Equatable, CustomStringConvertible {
  /// 401: the key was refused.
  case invalidKey
  /// 422 on `method`: the method is not activated on the Mollie profile.
  case methodNotActivated(detail: String)
  /// 422 on `amount`: outside the method's minimum or maximum.
  case amountOutOfRange(detail: String)
  /// 429.
  case rateLimited
  /// 5xx or 503.
  case unavailable(status: Int)
  /// Any other refusal, with Mollie's own words.
  case refused(status: Int, title: String, detail: String, field: String?)
  /// No answer in time, or the connection dropped: the outcome is unknown.
  case noAnswer(String)
  /// An answer Saldo could not read.
  case malformedAnswer(String)

  /// Whether asking again may help and is safe: only for calls that are idempotent.
  public var isTransient: Bool {
    switch self {
    case .rateLimited, .unavailable, .noAnswer: true
    default: false
    }
  }

  /// Reads an error answer; `status` is the HTTP status when the body does not say it.
  public static func from(httpStatus: Int, body: [UInt8]) -> MollieError {
    let json = try? JSONValue.parse(body)
    let status =
      json?["status"].flatMap { value -> Int? in
        if case .number(let text) = value { return Int(text) }
        return nil
      } ?? httpStatus
    let title = Sanitize.line(json?["title"]?.string ?? "HTTP \(status)")
    let detail = Sanitize.line(json?["detail"]?.string ?? "")
    let field = json?["field"]?.string.map { Sanitize.line($0) }
    switch status {
    case 401: return .invalidKey
    case 429: return .rateLimited
    case 500...599: return .unavailable(status: status)
    case 422 where field == "method":
      return .methodNotActivated(detail: detail)
    case 422 where field?.hasPrefix("amount") == true:
      return .amountOutOfRange(detail: detail)
    default: return .refused(status: status, title: title, detail: detail, field: field)
    }
  }

  public var description: String {
    switch self {
    // In the reader's language; Mollie's own words (title, detail) stay as Mollie wrote them.
    case .invalidKey:
      tr(
        "Mollie refused the API key; put a current key from the Mollie Dashboard in the key file"
          + " and run `saldo payments provider set mollie --api-key-file PATH` again")
    case .methodNotActivated(let detail):
      detail.isEmpty
        ? tr(
          "this method is not activated on the Mollie profile; activate it in the Mollie"
            + " Dashboard or choose another method")
        : tr(
          "this method is not activated on the Mollie profile (\(detail)); activate it in the"
            + " Mollie Dashboard or choose another method")
    case .amountOutOfRange(let detail):
      detail.isEmpty
        ? tr("Mollie refused the amount for this method; choose another amount or method")
        : tr(
          "Mollie refused the amount for this method (\(detail)); choose another amount or method"
        )
    case .rateLimited: tr("Mollie asks to slow down (rate limited); try again in a minute")
    case .unavailable(let status):
      tr("Mollie is unavailable (HTTP \(status)); nothing was charged, try again later")
    case .refused(let status, let title, let detail, let field):
      "Mollie refused the request (\(status) \(title)"
        + (field.map { ", field \($0)" } ?? "") + ")"
        + (detail.isEmpty ? "" : ": \(detail)")
    case .noAnswer(let what):
      tr("no answer from Mollie (\(what)); run `saldo payments sync` to find out what happened")
    case .malformedAnswer(let what):
      tr("Mollie's answer could not be read (\(what)); run `saldo payments sync` later")
    }
  }
}
