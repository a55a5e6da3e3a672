import Kafka

/// What one round does with the rows it read: publish, park, or hold.
///
/// Per-key order rules: once a key has a row parked in this round, its later rows in the round are held —
/// neither published nor parked — so consumers never see a gap in a loan's versions; later rounds leave
/// them out while the parked row exists (see ``OutboxReader``). Other keys are unaffected. A round read
/// through a cursor opened before some parks may hold rows of the keys parked since (its snapshot cannot
/// see those parks): it is planned with those keys already blocked.
struct RoundPlan: Sendable {
    /// Ids of the rows to publish, in id order.
    var publish: [Int64] = []
    /// Their messages, in the same order.
    var messages: [KafkaProducerMessage] = []
    /// Rows to move to `outbox_parked`, with the reason.
    var park: [(id: Int64, error: String)] = []
    /// How many rows were held back behind a parked row of their key.
    var held = 0
    /// The keys of the rows parked in this round.
    var parkedKeys = Set<String>()

    /// An empty round.
    init() {}

    /// Builds the plan.
    ///
    /// - Parameters:
    ///   - rows: The rows read, in id order.
    ///   - verdicts: ``RowCheck/verdict(on:topic:)`` of each row (same order).
    ///   - blocked: Keys parked since these rows were read, whose rows are held.
    init(rows: [OutboxRow], verdicts: [RowCheck.Verdict], blocked: Set<String> = []) {
        var blocked = blocked
        publish.reserveCapacity(rows.count)
        messages.reserveCapacity(rows.count)
        for (row, verdict) in zip(rows, verdicts) {
            if !blocked.isEmpty, blocked.contains(row.key) {
                held += 1
                continue
            }
            switch verdict {
            case .publish(let message):
                publish.append(row.id)
                messages.append(message)
            case .park(let problem):
                park.append((row.id, problem))
                blocked.insert(row.key)
                parkedKeys.insert(row.key)
            }
        }
    }
}
