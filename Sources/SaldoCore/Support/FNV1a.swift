/// FNV-1a, 64 bits: a hash with no key and no tables, the same in every process and on every
/// platform (unlike Swift's `Hasher`, seeded anew in each process), for values that are
/// written down: event hashes in the ledger, Message-IDs, the benchmark's schema fingerprint.
public enum FNV1a {
  public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
  static let prime: UInt64 = 0x0000_0100_0000_01B3

  public static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes, basis: UInt64 = offsetBasis)
    -> UInt64
  {
    var hash = basis
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
    return hash
  }
}
