/// A request the core refused: who may not do it, or what is wrong with the input. Each
/// message is one line that says what to do instead.
public enum SaldoError: Error, Equatable, CustomStringConvertible {
  /// The account may not do this (not an administrator, not an operator, unknown).
  case forbidden(String)
  /// The input is wrong; the message says how to fix it.
  case invalid(String)
  /// Something named does not exist.
  case notFound(String)
  /// It conflicts with what is stored (a name already taken, an illegal state change).
  case conflict(String)

  public var description: String {
    switch self {
    case .forbidden(let m), .invalid(let m), .notFound(let m), .conflict(let m): return m
    }
  }
}
