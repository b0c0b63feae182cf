import CCurl
import SaldoCore

/// HTTPS through the system's libcurl. libcurl initialises itself on the first request, so a
/// command that makes no payment call (such as `saldo balance`) never starts it.
///
/// TLS verification is always on. Plain HTTP is accepted only for a loopback address, which is
/// where the tests run their stand-in for the payment service.
public struct CurlTransport: HTTPTransport {
  /// Answers larger than this are cut off and refused: a payment is a few kilobytes.
  static let maximumAnswer = 1 << 20

  public init() {}

  public func send(_ request: HTTPRequest) throws -> HTTPResponse {
    guard saldo_curl_available() != 0 else {
      throw MollieError.noAnswer(
        "libcurl is not installed, and payments through Mollie need it; install it (Debian and"
          + " Ubuntu: apt install libcurl4)")
    }
    guard let curl = saldo_curl_easy_init() else {
      throw MollieError.noAnswer("libcurl did not start")
    }
    defer { saldo_curl_easy_cleanup(curl) }
    let loopback = ["http://127.0.0.1:", "http://localhost:", "http://[::1]:"].contains {
      request.url.hasPrefix($0)
    }
    guard request.url.hasPrefix("https://") || loopback else {
      throw SaldoError.invalid("payment services are reached over https only")
    }
    var code = saldo_curl_set_string(curl, CURLOPT_URL, request.url)
    code =
      code == CURLE_OK
      ? saldo_curl_set_string(curl, CURLOPT_PROTOCOLS_STR, loopback ? "http" : "https") : code
    code = code == CURLE_OK ? saldo_curl_set_long(curl, CURLOPT_SSL_VERIFYPEER, 1) : code
    code = code == CURLE_OK ? saldo_curl_set_long(curl, CURLOPT_SSL_VERIFYHOST, 2) : code
    code = code == CURLE_OK ? saldo_curl_set_long(curl, CURLOPT_FOLLOWLOCATION, 0) : code
    // No signals: a timeout must not longjmp through Swift frames.
    code = code == CURLE_OK ? saldo_curl_set_long(curl, CURLOPT_NOSIGNAL, 1) : code
    code =
      code == CURLE_OK
      ? saldo_curl_set_long(curl, CURLOPT_TIMEOUT, Int(request.timeoutSeconds)) : code
    code =
      code == CURLE_OK
      ? saldo_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, Int(min(10, request.timeoutSeconds)))
      : code
    if let body = request.body {
      code =
        code == CURLE_OK
        ? saldo_curl_set_string(curl, CURLOPT_CUSTOMREQUEST, request.method) : code
      let text = String(decoding: body, as: UTF8.self)
      code = code == CURLE_OK ? saldo_curl_set_body(curl, text, Int(body.count)) : code
    } else if request.method != "GET" {
      code =
        code == CURLE_OK
        ? saldo_curl_set_string(curl, CURLOPT_CUSTOMREQUEST, request.method) : code
    }
    var headers: UnsafeMutablePointer<curl_slist>? = nil
    defer { saldo_curl_slist_free_all(headers) }
    for (name, value) in request.headers {
      // Header values come from the core; a line break would smuggle a header.
      guard !value.contains("\r"), !value.contains("\n") else {
        throw SaldoError.invalid("a header for the payment service holds a line break")
      }
      headers = saldo_curl_slist_append(headers, name + ": " + value)
    }
    headers = saldo_curl_slist_append(headers, "Expect:")
    code = code == CURLE_OK ? saldo_curl_set_pointer(curl, CURLOPT_HTTPHEADER, headers) : code
    let sink = Sink()
    let unmanaged = Unmanaged.passRetained(sink)
    defer { unmanaged.release() }
    code =
      code == CURLE_OK
      ? saldo_curl_set_write(
        curl,
        { data, size, count, user in
          guard let data, let user else { return 0 }
          let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
          let length = size * count
          guard sink.bytes.count + length <= CurlTransport.maximumAnswer else { return 0 }
          data.withMemoryRebound(to: UInt8.self, capacity: length) {
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
          }
          return length
        }, unmanaged.toOpaque()) : code
    guard code == CURLE_OK else {
      throw MollieError.noAnswer(
        "libcurl refused an option: " + String(cString: saldo_curl_easy_strerror(code)))
    }
    let result = saldo_curl_easy_perform(curl)
    guard result == CURLE_OK else {
      throw MollieError.noAnswer(String(cString: saldo_curl_easy_strerror(result)))
    }
    return HTTPResponse(status: saldo_curl_response_code(curl), body: sink.bytes)
  }
}

/// Collects an answer's bytes across libcurl's write callbacks.
private final class Sink {
  var bytes: [UInt8] = []
}
