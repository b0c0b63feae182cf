#if canImport(Glibc)
  import Glibc
#endif

/// iDEAL | Wero and Bancontact through Mollie's Payments API (v2).
///
/// The key is read from its file for every call (ownership and mode checked each time), so it
/// is never held in the database and a rotated key takes effect at once. Both calls are safe
/// to repeat: a GET by nature, the create because it carries an `Idempotency-Key`; so timeouts,
/// 429 and 5xx are retried with backoff, and anything else is reported at once.
public struct MollieProvider: RemotePaymentProvider {
  public let name: String
  public let isTestMode: Bool
  let keyFile: String
  let baseURL: String
  let redirectURL: String
  let transport: HTTPTransport
  /// Pauses before the second and later attempts, in milliseconds.
  let retryDelays: [UInt32]
  /// How long one call may take before its outcome counts as unknown.
  let timeoutSeconds: Int

  /// Checks the key file now, so a bad configuration is reported before a payment is stored.
  /// `baseURLOverride` (tests only) is refused with a live key: real money only ever goes to
  /// Mollie's own host.
  public init(
    keyFile: String, redirectURL: String, transport: HTTPTransport,
    baseURLOverride: String? = nil, retryDelays: [UInt32] = [1_000, 4_000],
    timeoutSeconds: Int = 20
  ) throws {
    let key = try MollieKeyFile.read(path: keyFile)
    if let baseURLOverride, baseURLOverride != MollieAPI.baseURL {
      guard key.mode == .test else {
        throw SaldoError.forbidden(
          tr(
            "SALDO_MOLLIE_BASE_URL is for tests and works only with a test_ key; unset it"))
      }
      self.baseURL = baseURLOverride
    } else {
      self.baseURL = MollieAPI.baseURL
    }
    self.name = MollieProvider.providerName(mode: key.mode)
    self.isTestMode = key.mode == .test
    self.keyFile = keyFile
    self.redirectURL = redirectURL
    self.transport = transport
    self.retryDelays = retryDelays
    self.timeoutSeconds = timeoutSeconds
  }

  /// Payments are stored with the mode they were made in: a live key cannot see test payments.
  public static func providerName(mode: MollieAPIKey.Mode) -> String {
    mode == .test ? "mollie-test" : "mollie"
  }

  public func create(_ request: RemoteCheckoutRequest) throws -> RemotePayment {
    let body = MollieAPI.CreatePayment(
      total: request.total, description: request.description, method: request.method,
      redirectURL: redirectURL, paymentID: request.paymentID,
      idempotencyKey: request.idempotencyKey
    ).body
    guard let body else {
      throw SaldoError.invalid(
        tr(
          "\(request.method.label) with \(request.total.exactString) cannot be paid through Mollie")
      )
    }
    return try call(
      "POST", path: "/v2/payments", body: Array(body.utf8),
      extraHeaders: [("Idempotency-Key", request.idempotencyKey)])
  }

  public func fetch(reference: String) throws -> RemotePayment {
    // The reference came from Mollie and was checked as a name; it is still only ever a path
    // segment of letters, digits and underscores.
    guard reference.hasPrefix("tr_"),
      reference.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || isalnum(Int32($0)) != 0 })
    else { throw MollieError.malformedAnswer("a stored reference that is not a Mollie id") }
    return try call("GET", path: "/v2/payments/" + reference, body: nil, extraHeaders: [])
  }

  private func call(
    _ method: String, path: String, body: [UInt8]?, extraHeaders: [(String, String)]
  ) throws -> RemotePayment {
    var attempt = 0
    while true {
      do {
        return try once(method, path: path, body: body, extraHeaders: extraHeaders)
      } catch let error as MollieError where error.isTransient && attempt < retryDelays.count {
        usleep(retryDelays[attempt] * 1_000)
        attempt += 1
      }
    }
  }

  private func once(
    _ method: String, path: String, body: [UInt8]?, extraHeaders: [(String, String)]
  ) throws -> RemotePayment {
    let key = try MollieKeyFile.read(path: keyFile)
    var headers = [("Authorization", key.authorizationHeader), ("Accept", "application/json")]
    if body != nil { headers.append(("Content-Type", "application/json")) }
    let response = try transport.send(
      HTTPRequest(
        method: method, url: baseURL + path, headers: headers + extraHeaders, body: body,
        timeoutSeconds: timeoutSeconds))
    guard (200..<300).contains(response.status) else {
      throw MollieError.from(httpStatus: response.status, body: response.body)
    }
    let resource = try MollieAPI.PaymentResource.parse(response.body)
    guard let status = MollieAPI.Status(rawValue: resource.status) else {
      throw MollieError.malformedAnswer("an unknown payment status")
    }
    return RemotePayment(
      reference: resource.id, status: status.saldoStatus, checkoutURL: resource.checkoutURL,
      total: resource.total, saldoPaymentID: resource.saldoPaymentID)
  }
}
