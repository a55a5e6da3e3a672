import EventSchemas
import Foundation
import Lending
import Logging
import PostgresNIO

/// The loan side of one batch: snapshots advanced, rows to write, portfolio changes.
struct LoanBatch {
    var snapshots: [(UUID, LoanSnapshot)] = []
    var lines: [StatementLineRow] = []
    var lineSources: [ChangeCapture.Change] = []
    var portfolio = PortfolioChanges()
    /// The last event applied per loan.
    var sources: [UUID: EventSource] = [:]
    /// Borrower of each touched loan, in the order loans were touched.
    var borrowers: [(UUID, UUID)] = []
    /// Events applied and duplicates skipped, for the metrics.
    var applied = 0
    var duplicates = 0

    /// Folds a loan's events of this batch into its snapshot.
    ///
    /// - Returns: whether any event was applied (duplicates are skipped).
    /// - Throws: ``ProjectionFailure`` for an event that does not decode or leaves a gap.
    mutating func fold(_ events: [ProjectedEvent], into snapshot: inout LoanSnapshot, loanID: UUID) throws(ProjectionFailure) -> Bool {
        var changed = false
        for event in events {
            guard event.version > snapshot.version else {
                duplicates += 1
                continue
            }
            guard event.version == snapshot.version + 1 else {
                throw .permanent(eventID: event.eventID, errorClass: "version_gap",
                                 message: "loan \(loanID) is at version \(snapshot.version); event has version \(event.version)")
            }
            if let line = try snapshot.apply(event, loanID: loanID, portfolio: &portfolio) {
                lines.append(line)
                lineSources.append(ChangeCapture.Change(
                    key: ["loan_id": .string(loanID.uuidString), "line_no": .number(JSONNumber(line.lineNo))],
                    source: EventSource(event)))
            }
            sources[loanID] = EventSource(event)
            applied += 1
            changed = true
        }
        return changed
    }

    mutating func touch(_ loanID: UUID, snapshot: LoanSnapshot) {
        snapshots.append((loanID, snapshot))
        if let borrower = snapshot.state.borrowerId?.uuid { borrowers.append((loanID, borrower)) }
    }

    /// Sends the writes of snapshots, loan_view, statement lines, ledger balances and their CDC rows.
    func write(cache: LoanSnapshotCache? = nil, into pipeline: inout StatementPipeline) throws {
        guard !snapshots.isEmpty else { return }
        try LoanSnapshotStore.save(snapshots, cache: cache, into: &pipeline)
        try RowWriter.upsert(snapshots.map { LoanViewRow(loanID: $0.0, snapshot: $0.1) }, into: LoanViewRow.table,
                             columns: LoanViewRow.columns, key: LoanViewRow.key, pipeline: &pipeline)
        try RowWriter.upsert(lines, into: StatementLineRow.table, columns: StatementLineRow.columns,
                             key: StatementLineRow.key, pipeline: &pipeline)
        try RowWriter.upsert(snapshots.flatMap { LedgerBalanceRow.rows(loanID: $0.0, snapshot: $0.1) },
                             into: LedgerBalanceRow.table, columns: LedgerBalanceRow.columns,
                             key: LedgerBalanceRow.key, pipeline: &pipeline)
        ChangeCapture.capture(
            table: "loan_view", keys: [("loan_id", "uuid")],
            changes: snapshots.compactMap { id, _ in
                sources[id].map { ChangeCapture.Change(key: ["loan_id": .string(id.uuidString)], source: $0) }
            },
            pipeline: &pipeline)
        ChangeCapture.capture(table: "statement_line", keys: [("loan_id", "uuid"), ("line_no", "integer")],
                              changes: lineSources, pipeline: &pipeline)
    }
}
