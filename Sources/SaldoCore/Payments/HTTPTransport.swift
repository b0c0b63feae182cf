/// One HTTP exchange, as the payment providers need it. The core names the request; the
/// executable supplies the transport (libcurl), and tests a loopback fake.
public struct HTTPRequest: Sendable, Equatable {
  public var method: String
  public var url: String
  public var headers: [(String, String)]
  public var body: [UInt8]?
  /// Seconds before the call gives up; the outcome is then unknown.
  public var timeoutSeconds: Int

  public init(
    method: String, url: String, headers: [(String, String)], body: [UInt8]?,
    timeoutSeconds: Int
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.timeoutSeconds = timeoutSeconds
  }

  public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
    lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
      && lhs.headers.map { $0.0 + ":" + $0.1 } == rhs.headers.map { $0.0 + ":" + $0.1 }
  }
}

public struct HTTPResponse: Sendable, Equatable {
  public var status: Int
  public var body: [UInt8]

  public init(status: Int, body: [UInt8]) {
    self.status = status
    self.body = body
  }
}

/// Sends requests. Throws `MollieError.noAnswer` (or another transport error) when no
/// complete answer arrived: a timeout, a refused or dropped connection, a TLS failure.
public protocol HTTPTransport: Sendable {
  func send(_ request: HTTPRequest) throws -> HTTPResponse
}
