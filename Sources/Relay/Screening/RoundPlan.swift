/// What one round does with the rows it read: publish, park, or hold.
///
/// Per-key order rules: once a key has a row parked in this round, its later rows in the round are held —
/// neither published nor parked — so consumers never see a gap in a loan's versions; later rounds leave
/// them out while the parked row exists (see ``OutboxTable/fetch(limit:excluding:)``). Other keys are
/// unaffected.
struct RoundPlan: Sendable {
    /// Rows to publish, in id order.
    var publish: [OutboxRow] = []
    /// Rows to move to `outbox_parked`, with the reason.
    var park: [(id: Int64, error: String)] = []
    /// How many rows were held back behind a row of their key parked in this round.
    var held = 0

    /// Builds the plan.
    ///
    /// - Parameters:
    ///   - rows: The rows read, in id order.
    ///   - problems: ``RowCheck/problem(with:)`` of each row (same order).
    init(rows: [OutboxRow], problems: [String?]) {
        var blocked = Set<String>()
        for (row, problem) in zip(rows, problems) {
            if blocked.contains(row.key) {
                held += 1
            } else if let problem {
                park.append((row.id, problem))
                blocked.insert(row.key)
            } else {
                publish.append(row)
            }
        }
    }
}
