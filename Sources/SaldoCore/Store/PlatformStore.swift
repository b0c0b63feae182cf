/// The platform's own data: the subscription plans and the operator's settings. Part of
/// `SaldoStore`; like every part, its methods run inside the caller's `read` or `write`.
public protocol PlatformStore: AnyObject {
  func plans() throws -> [Plan]
  func plan(id: Int64) throws -> Plan?

  func setting(_ key: String) throws -> String?
  func setSetting(_ key: String, _ value: String) throws
}
