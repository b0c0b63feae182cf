import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A stand-in for Mollie's Payments API (v2) on a loopback port, following its documented
/// contract: `POST /v2/payments` (201, `Idempotency-Key` replay, 422 on an inactive method or
/// an amount outside the method's range), `GET /v2/payments/{id}` (200, 404), 401 for a wrong
/// key, error bodies with `status`, `title`, `detail`, `field`. Tests drive status changes and
/// can make answers slow, failing (429, 503) or dropped mid-request.
public final class FakeMollie: Sendable {
  public struct StoredPayment: Sendable, Equatable {
    public var id: String
    public var status: String
    public var value: String
    public var method: String
    public var description: String
    public var saldoPaymentID: String?
    public var redirectURL: String
  }

  /// What the next requests meet, in order; `.normal` once the queue is empty.
  public enum Behaviour: Sendable, Equatable {
    case normal
    /// Answers after this many milliseconds.
    case slow(milliseconds: Int)
    /// Closes the connection without an answer, before doing anything.
    case dropBeforeHandling
    /// Does what was asked (a create creates) but closes the connection without an answer.
    case dropAfterHandling
    /// Does what was asked, then waits this long before answering.
    case slowAfterHandling(milliseconds: Int)
    /// Answers with this HTTP status and Mollie's error body for it.
    case fail(status: Int)
  }

  struct State {
    var payments: [String: StoredPayment] = [:]
    var order: [String] = []
    var idempotency: [String: (body: String, id: String)] = [:]
    var behaviours: [Behaviour] = []
    var requests: [String] = []
    var idempotencyKeys: [String] = []
    var lastBody: String?
    var activeMethods: Set<String> = ["ideal", "bancontact"]
  }

  public let apiKey: String
  public let port: Int
  private let socket: Int32
  private let state = Mutex(State())

  public var baseURL: String { "http://127.0.0.1:\(port)" }

  /// Starts listening on 127.0.0.1 at a free port; accepts only `apiKey`.
  public init(apiKey: String) throws {
    self.apiKey = apiKey
    let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw FakeError("socket failed") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    guard bound == 0, listen(fd, 16) == 0 else { throw FakeError("bind failed") }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    self.socket = fd
    self.port = Int(UInt16(bigEndian: address.sin_port))
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  deinit { shutdown(socket, Int32(SHUT_RDWR)); close(socket) }

  // MARK: - Driving it from tests

  public func setStatus(_ id: String, _ status: String) {
    state.withLock { $0.payments[id]?.status = status }
  }
  /// Changes what the stand-in reports as a payment's amount (a fault Saldo must catch).
  public func setAmount(_ id: String, _ value: String) {
    state.withLock { $0.payments[id]?.value = value }
  }
  public func queue(_ behaviours: Behaviour...) {
    state.withLock { $0.behaviours += behaviours }
  }
  public func deactivate(_ method: String) {
    state.withLock { _ = $0.activeMethods.remove(method) }
  }
  public var payments: [StoredPayment] {
    state.withLock { s in s.order.compactMap { s.payments[$0] } }
  }
  /// "METHOD PATH" of every request received, in order.
  public var requests: [String] { state.withLock { $0.requests } }
  public var idempotencyKeys: [String] { state.withLock { $0.idempotencyKeys } }
  public var lastBody: String? { state.withLock { $0.lastBody } }
  /// Waits until `count` requests arrived (or two seconds passed).
  public func waitForRequests(_ count: Int) {
    for _ in 0..<200 where requests.count < count { usleep(10_000) }
  }

  // MARK: - Serving

  private func acceptLoop() {
    while true {
      let client = accept(socket, nil, nil)
      guard client >= 0 else { return }
      let thread = Thread { [self] in serve(client) }
      thread.start()
    }
  }

  private func serve(_ client: Int32) {
    defer { close(client) }
    guard let (head, body) = readRequest(client) else { return }
    let lines = head.components(separatedBy: "\r\n")
    let parts = (lines.first ?? "").split(separator: " ").map(String.init)
    guard parts.count >= 2 else { return }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    let behaviour: Behaviour = state.withLock { s in
      s.requests.append(parts[0] + " " + parts[1])
      return s.behaviours.isEmpty ? .normal : s.behaviours.removeFirst()
    }
    switch behaviour {
    case .dropBeforeHandling: return
    case .slow(let milliseconds): usleep(UInt32(milliseconds) * 1000)
    case .fail(let status):
      respond(
        client, status,
        error(
          status,
          title: status == 429
            ? "Too Many Requests"
            : "Service Unavailable", detail: "Try again later."))
      return
    default: break
    }
    let (status, answer) = handle(
      method: parts[0], path: parts[1], headers: headers, body: body)
    if behaviour == .dropAfterHandling { return }
    if case .slowAfterHandling(let milliseconds) = behaviour {
      usleep(UInt32(milliseconds) * 1000)
    }
    respond(client, status, answer)
  }

  private func handle(method: String, path: String, headers: [String: String], body: String)
    -> (Int, String)
  {
    guard headers["authorization"] == "Bearer " + apiKey else {
      return (
        401,
        error(
          401, title: "Unauthorized Request",
          detail: "Missing authentication, or failed to authenticate")
      )
    }
    if method == "POST" && path == "/v2/payments" {
      return create(body: body, key: headers["idempotency-key"])
    }
    if method == "GET" && path.hasPrefix("/v2/payments/") {
      let id = String(path.dropFirst("/v2/payments/".count))
      guard let payment = state.withLock({ $0.payments[id] }) else {
        return (404, error(404, title: "Not Found", detail: "No payment exists with token \(id)."))
      }
      return (200, render(payment))
    }
    return (404, error(404, title: "Not Found", detail: "The resource does not exist."))
  }

  private func create(body: String, key: String?) -> (Int, String) {
    if let key {
      let replay: (Int, String)?? = state.withLock { s in
        s.idempotencyKeys.append(key)
        guard let earlier = s.idempotency[key] else { return nil }
        guard earlier.body == body, let payment = s.payments[earlier.id] else {
          return .some(nil)
        }
        return (201, render(payment))
      }
      switch replay {
      case .some(.some(let answer)): return answer
      case .some(.none):
        return (
          422,
          error(
            422, title: "Unprocessable Entity",
            detail: "The idempotency key was already used for a different request")
        )
      case .none: break
      }
    }
    guard let data = body.data(using: .utf8),
      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let amount = json["amount"] as? [String: Any],
      let value = amount["value"] as? String, amount["currency"] as? String == "EUR",
      value.range(of: #"^[0-9]+\.[0-9]{2}$"#, options: .regularExpression) != nil
    else {
      return (
        422,
        error(
          422, title: "Unprocessable Entity",
          detail: "The amount is invalid", field: "amount.value")
      )
    }
    guard let description = json["description"] as? String, !description.isEmpty else {
      return (
        422,
        error(
          422, title: "Unprocessable Entity",
          detail: "The description is invalid", field: "description")
      )
    }
    guard let redirect = json["redirectUrl"] as? String, !redirect.isEmpty else {
      return (
        422,
        error(
          422, title: "Unprocessable Entity",
          detail: "The redirect URL is invalid", field: "redirectUrl")
      )
    }
    let method = json["method"] as? String ?? ""
    guard state.withLock({ $0.activeMethods.contains(method) }) else {
      return (
        422,
        error(
          422, title: "Unprocessable Entity",
          detail: "The payment method is not activated on your account.", field: "method")
      )
    }
    // Mollie's limits for these methods: € 0,01 (Bancontact € 0,02) to € 50.000,00.
    let cents = Int(value.replacingOccurrences(of: ".", with: "")) ?? 0
    guard cents >= (method == "bancontact" ? 2 : 1), cents <= 5_000_000 else {
      return (
        422,
        error(
          422, title: "Unprocessable Entity",
          detail: "Amount is higher than maximum value (€ 50.000,00) for \(method)",
          field: "amount")
      )
    }
    let metadata = json["metadata"] as? [String: Any]
    return state.withLock { s in
      let id = "tr_" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10))
      let payment = StoredPayment(
        id: id, status: "open", value: value, method: method, description: description,
        saldoPaymentID: metadata?["saldo_payment_id"] as? String, redirectURL: redirect)
      s.payments[id] = payment
      s.order.append(id)
      s.lastBody = body
      if let key { s.idempotency[key] = (body, id) }
      return (201, render(payment))
    }
  }

  private func render(_ payment: StoredPayment) -> String {
    var links: [String: Any] = [
      "self": [
        "href": "https://api.mollie.com/v2/payments/\(payment.id)",
        "type": "application/hal+json",
      ]
    ]
    if payment.status == "open" {
      links["checkout"] = [
        "href": "https://www.mollie.com/checkout/select-method/\(payment.id.dropFirst(3))",
        "type": "text/html",
      ]
    }
    var object: [String: Any] = [
      "resource": "payment", "id": payment.id, "mode": "test", "status": payment.status,
      "amount": ["currency": "EUR", "value": payment.value], "description": payment.description,
      "method": payment.method, "redirectUrl": payment.redirectURL, "_links": links,
      "createdAt": "2026-11-26T12:00:00+00:00",
    ]
    if let saldo = payment.saldoPaymentID { object["metadata"] = ["saldo_payment_id": saldo] }
    let data =
      (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
      ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  private func error(_ status: Int, title: String, detail: String, field: String? = nil)
    -> String
  {
    var object: [String: Any] = [
      "status": status, "title": title, "detail": detail,
      "_links": [
        "documentation": [
          "href": "https://docs.mollie.com/overview/handling-errors",
          "type": "text/html",
        ]
      ],
    ]
    if let field { object["field"] = field }
    let data =
      (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
      ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  private func respond(_ client: Int32, _ status: Int, _ body: String) {
    let bytes = Array(body.utf8)
    let head =
      "HTTP/1.1 \(status) X\r\nContent-Type: application/hal+json\r\n"
      + "Content-Length: \(bytes.count)\r\nConnection: close\r\n\r\n"
    let all = Array(head.utf8) + bytes
    var sent = 0
    while sent < all.count {
      let n = all[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) }
      guard n > 0 else { return }
      sent += n
    }
  }

  private func readRequest(_ client: Int32) -> (String, String)? {
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    var headEnd: Int?
    var needed = Int.max
    while data.count < needed {
      let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, 4096, 0) }
      guard n > 0 else { return nil }
      data += buffer[0..<n]
      if headEnd == nil, let range = findHeadEnd(data) {
        headEnd = range
        let head = String(decoding: data[0..<range], as: UTF8.self).lowercased()
        var length = 0
        for line in head.components(separatedBy: "\r\n") where line.hasPrefix("content-length:") {
          length =
            Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        needed = range + 4 + length
      }
    }
    guard let headEnd else { return nil }
    return (
      String(decoding: data[0..<headEnd], as: UTF8.self),
      String(decoding: data[(headEnd + 4)...], as: UTF8.self)
    )
  }

  private func findHeadEnd(_ data: [UInt8]) -> Int? {
    guard data.count >= 4 else { return nil }
    for index in 0...(data.count - 4)
    where data[index] == 13 && data[index + 1] == 10 && data[index + 2] == 13
      && data[index + 3] == 10
    {
      return index
    }
    return nil
  }

  struct FakeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }
}
