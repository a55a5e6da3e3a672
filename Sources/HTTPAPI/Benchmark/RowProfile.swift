/// What one command writes, measured on the database after real commands ran: the shape the
/// pgbench baseline reproduces row for row.
public struct RowProfile: Sendable, Equatable {
    /// Commands the measurement covers.
    public var commands: Int
    /// `loan_event` rows per command.
    public var events: Int
    /// Mean `loan_event.payload` size, in bytes of JSON text.
    public var eventPayloadBytes: Int
    /// `journal_entry` rows per command.
    public var journalEntries: Int
    /// `journal_line` rows per journal entry (at least 2: an entry must balance).
    public var linesPerEntry: Int
    /// `outbox` rows per command.
    public var outboxRows: Int
    /// Mean `outbox.payload` size, in bytes.
    public var outboxPayloadBytes: Int
    /// Mean `outbox.headers` size, in bytes of JSON text.
    public var outboxHeaderBytes: Int
    /// `idempotency_key` rows per command.
    public var idempotencyRows: Int
    /// Mean stored response size, in bytes.
    public var responseBytes: Int

    /// Rows per command from the totals written by `commands` commands (rounded to the nearest row).
    ///
    /// - Parameters:
    ///   - commands: how many commands wrote the rows.
    ///   - totals: rows written per table, keyed by table name.
    ///   - sizes: mean sizes in bytes, keyed `loan_event.payload`, `outbox.payload`, `outbox.headers`, `idempotency_key.response_body`.
    public init(commands: Int, totals: [String: Int], sizes: [String: Int]) {
        func perCommand(_ table: String) -> Int {
            commands > 0 ? Int((Double(totals[table] ?? 0) / Double(commands)).rounded()) : 0
        }
        self.commands = commands
        events = perCommand("loan_event")
        journalEntries = perCommand("journal_entry")
        let lines = totals["journal_line"] ?? 0
        let entries = totals["journal_entry"] ?? 0
        linesPerEntry = entries > 0 ? max(2, Int((Double(lines) / Double(entries)).rounded())) : 0
        outboxRows = perCommand("outbox")
        idempotencyRows = perCommand("idempotency_key")
        eventPayloadBytes = sizes["loan_event.payload"] ?? 0
        outboxPayloadBytes = sizes["outbox.payload"] ?? 0
        outboxHeaderBytes = sizes["outbox.headers"] ?? 0
        responseBytes = sizes["idempotency_key.response_body"] ?? 0
    }

    /// One line for the report, e.g. `1 event (612 B), 1 journal entry × 3 lines, 1 outbox row (640 B), 1 idempotency row (180 B)`.
    public var summary: String {
        "\(events) event(s) of ~\(eventPayloadBytes) B, \(journalEntries) journal entr(ies) × \(linesPerEntry) lines, "
            + "\(outboxRows) outbox row(s) of ~\(outboxPayloadBytes) B, \(idempotencyRows) idempotency row(s) with a ~\(responseBytes) B response"
    }
}
