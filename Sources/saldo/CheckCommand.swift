import SaldoCore

enum CheckCommand {
  static let all: [CommandSpec] = [check]

  static let check = CommandSpec(
    name: "check", summary: "verify the database's guarantees (operators)",
    usage: "saldo check [--ssh] [--json]",
    details: """
      Checks that the file is intact, every balance equals the sum of its ledger, the daily
      totals match the consumption, no top-up is half done, invoice numbers have no gaps or
      duplicates, no event was charged twice, and the money lifecycle holds: at most one credit
      note per invoice, no collection in two SEPA files, collections and invoices in states that
      agree, every open direct-debit invoice with a live collection, and for every top-up the
      credit booked equal to the credit owed. Exit 0 when sound, 3 when a problem is found.

      --ssh checks the set-up for serving Saldo over SSH instead: the authorized_keys file's
      permissions and Saldo block, the binary path in it, sshd options that break it
      (PermitTTY no, ForceCommand; forwarding options do not matter, keys carry `restrict`),
      and users without keys. Exit 0 when sound, 2 when something is wrong.
      """,
    flags: ["--json", "--ssh"]
  ) { context, arguments in
    // Both checks are the operators': the core refuses anyone else before anything is read.
    let saldo = try context.open()
    if arguments.has("--ssh") {
      // Scripts read the JSON: its problems stay in English whatever the user reads.
      let problems = try SSHDoctor.problems(
        saldo, in: arguments.has("--json") ? .en : Language.current)
      if arguments.has("--json") {
        context.output.json(
          .object([
            ("ok", .bool(problems.isEmpty)), ("problems", .array(problems.map { .string($0) })),
          ]))
      } else {
        context.output.line(
          problems.isEmpty ? tr("OK: the SSH set-up looks right.") : tr("Problems found:"))
        for problem in problems { context.output.line("  " + problem) }
      }
      if !problems.isEmpty {
        throw PartialFailure(tr("\(problems.count) problem(s) with the SSH set-up"))
      }
      return
    }
    let problems = try saldo.platform.verify()
    if arguments.has("--json") {
      context.output.json(
        .object([
          ("ok", .bool(problems.isEmpty)), ("problems", .array(problems.map { .string($0) })),
        ]))
    } else {
      context.output.line(
        problems.isEmpty ? tr("OK: every check passed.") : tr("Problems found:"))
      for problem in problems { context.output.line("  " + problem) }
    }
    if !problems.isEmpty {
      context.output.flush()
      throw StoreError.checkFailed(path: context.databasePath, problems: problems.count)
    }
  }
}
