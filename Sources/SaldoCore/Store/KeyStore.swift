/// Persistence of the SSH keys people reach Saldo with, and of the sessions they opened.
/// Part of `SaldoStore`; like it, every method runs inside the caller's `read` or `write`.
public protocol KeyStore: AnyObject {
  func insertKey(_ key: SSHPublicKey, userID: Int64, label: String?, at: Instant, actor: String)
    throws -> StoredKey
  /// The key with this fingerprint, of whichever user (fingerprints are unique platform-wide).
  func key(fingerprint: String) throws -> StoredKey?
  /// Every key, or one user's, ordered by login and time added.
  func keys(userID: Int64?) throws -> [StoredKey]
  func deleteKey(fingerprint: String) throws -> Bool
  /// Records that a key opened a session: the audit trail of who came in, from where.
  func recordKeyUse(
    fingerprint: String, userID: Int64, client: String?, command: String,
    at: Instant) throws
}

/// A key as stored: whose it is and what Saldo knows about its use.
public struct StoredKey: Sendable, Hashable {
  public let login: String
  public let key: SSHPublicKey
  public let label: String?
  public let addedAt: Instant
  public let addedBy: String
  public let lastUsedAt: Instant?

  public init(
    login: String, key: SSHPublicKey, label: String?, addedAt: Instant, addedBy: String,
    lastUsedAt: Instant?
  ) {
    self.login = login
    self.key = key
    self.label = label
    self.addedAt = addedAt
    self.addedBy = addedBy
    self.lastUsedAt = lastUsedAt
  }
}
