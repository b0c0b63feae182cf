/// Words a shell completes from the database, for `saldo completion words`.
public struct CompletionWords: Sendable, Hashable {
  /// Organisation names of the environment, as `--org` and `saldo inbox` take them.
  public var organisations: [String]
  /// The numbers of the environment's latest invoices, newest first.
  public var invoiceNumbers: [String]

  public init(organisations: [String], invoiceNumbers: [String]) {
    self.organisations = organisations
    self.invoiceNumbers = invoiceNumbers
  }
}

extension DirectoryService {
  /// Organisation names and the latest invoice numbers of the environment, for shell
  /// completion. Cheap enough for every Tab: two indexed reads, the invoices capped at
  /// `limit`. Only what the account may already see (a member or an operator), and names
  /// with control characters are left out so a completion never writes escapes to a shell.
  public func completionWords(of environment: Environment, limit: Int = 200) throws
    -> CompletionWords
  {
    try store.read {
      try access.requireMemberOrOperator(of: environment, to: tr("complete names"))
      let names = try store.organisations(environmentID: environment.id).map(\.name)
      let numbers = try store.invoices(environmentID: environment.id, limit: max(0, limit))
        .map(\.number)
      return CompletionWords(
        organisations: names.filter { Sanitize.validName($0) },
        invoiceNumbers: numbers.filter { Sanitize.validName($0) })
    }
  }
}
