/// The pgbench script of the baseline: the same statements and rows as one repayment on the common
/// (optimistic) path of ``CommandService`` — one statement reading the idempotency key and the stream's events,
/// then one statement, its own transaction, inserting the events, journal entry and lines, outbox rows and the
/// idempotency row (data-modifying CTEs, as ``EventStoreTransaction/write(_:mode:)`` does) — against the same
/// tables, so the same indexes, foreign keys and deferred balance triggers run at commit.
///
/// What it leaves out is exactly what LoanStream adds on top of PostgreSQL: HTTP, JSON and JWT
/// handling, the fold and the decision, schema validation. Its events go to fresh streams (version
/// 1) so the loans the HTTP phases repay never see them; the stream it loads is one of those
/// loans, picked at random from `bench_loan (n, loan_id)`.
public enum PgbenchScript {
    /// The table the script picks loans from; the benchmark fills it with the loans it created.
    public static let loanTable = "bench_loan"

    /// Renders the script.
    ///
    /// - Parameters:
    ///   - profile: rows per command, measured from real repayments.
    ///   - loans: rows in ``loanTable`` (`n` runs from 1 to `loans`).
    /// - Returns: the script text for `pgbench -f`.
    public static func render(_ profile: RowProfile, loans: Int) -> String {
        // pgbench substitutes :r and :client_id textually; md5 of them gives per-transaction unique ids.
        let tag = "|| '-' || :r || '-' || :client_id"
        let stream = "md5('s' \(tag))::uuid"
        let key = "('k' \(tag))"
        func event(_ index: String) -> String { "md5('e' \(tag) || '-' || \(index))::uuid" }
        func entry(_ index: String) -> String { "md5('j' \(tag) || '-' || \(index))::uuid" }
        var lines = [
            "\\set n random(1, \(max(loans, 1)))",
            "\\set r random(1, 9000000000000000)",
            // The idempotency key's stored response and the stream's events in one statement, as lookUp sends them.
            "WITH k AS (SELECT request_hash, status_code, response_body, content_type, expires_at > now() AS live "
                + "FROM idempotency_key WHERE scope = 'bench' AND key = \(key)) "
                + "SELECT k.request_hash, k.status_code, k.response_body, k.content_type, k.live, "
                + "e.version, e.event_id, e.event_type, e.schema_version, e.occurred_at, e.effective_at, e.payload::text "
                + "FROM (SELECT 1) one LEFT JOIN k ON true LEFT JOIN LATERAL (SELECT version, event_id, event_type, schema_version, "
                + "occurred_at, effective_at, payload FROM loan_event WHERE loan_id = (SELECT loan_id FROM \(loanTable) WHERE n = :n) "
                // The service folds from its cached state, so it reads only events newer than the loan's last one.
                + "AND version > (SELECT max(version) FROM loan_event WHERE loan_id = (SELECT loan_id FROM \(loanTable) WHERE n = :n)) "
                + "AND k.request_hash IS NULL ORDER BY version) e ON true ORDER BY e.version;",
        ]
        // The writes go in one statement, as the command service sends them.
        var writes: [String] = []
        if profile.events > 0 {
            writes.append("INSERT INTO loan_event (loan_id, version, event_id, event_type, schema_version, occurred_at, effective_at, payload) "
                + "SELECT \(stream), v, \(event("v")), 'bench.repayment', 1, now(), now(), "
                + "jsonb_build_object('pad', repeat('x', \(padding(profile.eventPayloadBytes, overhead: 11)))) "
                + "FROM generate_series(1, \(profile.events)) v")
        }
        if profile.events > 0, profile.journalEntries > 0 {
            let last = profile.linesPerEntry
            writes.append("INSERT INTO journal_entry (entry_id, loan_id, event_id, currency, effective_date, description) "
                + "SELECT \(entry("j")), \(stream), \(event("1")), 'INR', current_date, 'bench repayment' "
                + "FROM generate_series(1, \(profile.journalEntries)) j")
            writes.append("INSERT INTO journal_line (entry_id, line_no, account, amount_minor) "
                + "SELECT \(entry("j")), l, 'bench:account:' || l, CASE WHEN l = \(last) THEN \(-(last - 1) * 10_000) ELSE 10000 END "
                + "FROM generate_series(1, \(profile.journalEntries)) j, generate_series(1, \(last)) l")
        }
        if profile.outboxRows > 0 {
            writes.append("INSERT INTO outbox (topic, key, headers, payload) "
                + "SELECT 'loanstream.bench', \(stream)::text, jsonb_build_object('pad', repeat('h', \(padding(profile.outboxHeaderBytes, overhead: 11)))), "
                + "repeat('x', \(max(profile.outboxPayloadBytes, 1))) FROM generate_series(1, \(profile.outboxRows))")
        }
        if profile.idempotencyRows > 0 {
            writes.append("INSERT INTO idempotency_key (scope, key, request_hash, status_code, response_body, content_type, loan_id, expires_at) "
                + "VALUES ('bench', \(key), md5(\(key)) || md5('h' || \(key)), 201, convert_to(repeat('x', \(max(profile.responseBytes, 1))), 'UTF8'), "
                + "'application/json', \(stream), now() + make_interval(secs => 86400))")
        }
        if let last = writes.popLast() {
            let ctes = writes.enumerated().map { "w\($0.offset) AS (\($0.element))" }
            lines.append((ctes.isEmpty ? "" : "WITH " + ctes.joined(separator: ", ") + " ") + last + ";")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Characters of padding so a `{"pad": "…"}` document has about `bytes` bytes.
    private static func padding(_ bytes: Int, overhead: Int) -> Int { max(bytes - overhead, 1) }
}
