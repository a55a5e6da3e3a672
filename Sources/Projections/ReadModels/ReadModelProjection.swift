import EventSchemas
import Foundation
import Lending
import Logging
import Metrics
import PostgresNIO

/// The read models of the lending book: `loan_view`, `borrower_view`, `statement_line`,
/// `ledger_balance` and `portfolio_daily`, with one `cdc_outbox` row per changed row.
///
/// Each loan's domain state is kept in `loan_snapshot` and advanced event by event, so a batch
/// reads one snapshot per loan, folds its events, and writes every table with a few set-based
/// statements. docs/READ_MODELS.md describes the tables and the choices behind them.
public struct ReadModelProjection: Projection {
    public static let loanTopic = "lending.loan-events"
    public static let borrowerTopic = "lending.borrower-events"

    /// The projection with its standard name and topics.
    public static let readModels = ReadModelProjection()

    public let name = "read_models"
    public let topics = [ReadModelProjection.loanTopic, ReadModelProjection.borrowerTopic]
    public let tables = ["loan_snapshot", "loan_view", "borrower_view", "statement_line", "ledger_balance", "portfolio_daily"]

    /// Snapshots of the loans this instance folded, checked against `loan_snapshot`'s versions each batch.
    let snapshotCache = LoanSnapshotCache()

    public init() {}

    public func apply(_ events: [ProjectedEvent], connection: PostgresConnection, logger: Logger) async throws {
        var loanStreams: [UUID: [ProjectedEvent]] = [:]
        var loanOrder: [UUID] = []
        var borrowerFacts: [UUID: BorrowerViewWriter.Facts] = [:]
        var borrowerOrder: [UUID] = []
        var borrowerSources: [UUID: EventSource] = [:]
        for event in events {
            if event.isBorrowerEvent {
                let decoded = try event.borrowerEvent()
                if borrowerFacts[event.streamID] == nil { borrowerOrder.append(event.streamID) }
                var facts = borrowerFacts[event.streamID]
                    ?? BorrowerViewWriter.Facts(borrowerId: event.streamID, version: event.version)
                facts.apply(decoded, version: event.version)
                borrowerFacts[event.streamID] = facts
                borrowerSources[event.streamID] = EventSource(event)
            } else {
                if loanStreams[event.streamID] == nil { loanOrder.append(event.streamID) }
                loanStreams[event.streamID, default: []].append(event)
            }
        }

        var batch = LoanBatch()
        // Every write below is sent without waiting for the one before (they read nothing back); the batch's
        // statements run back to back and the projection waits once, at the end.
        var pipeline = StatementPipeline(connection: connection, logger: logger)
        if !loanOrder.isEmpty {
            var snapshots = try await LoanSnapshotStore.load(loanOrder, cache: snapshotCache, connection: connection, logger: logger)
            for loanID in loanOrder {
                var snapshot = snapshots[loanID] ?? LoanSnapshot()
                let changed = try batch.fold(loanStreams[loanID] ?? [], into: &snapshot, loanID: loanID)
                snapshots[loanID] = snapshot
                if changed { batch.touch(loanID, snapshot: snapshot) }
            }
            try batch.write(cache: snapshotCache, into: &pipeline)
            var seen = Set(borrowerOrder)
            for (loanID, borrower) in batch.borrowers {
                if seen.insert(borrower).inserted { borrowerOrder.append(borrower) }
                if let source = batch.sources[loanID] { borrowerSources[borrower] = source }
            }
        }

        // Loan tables are per loan, so batches of different partitions never meet there; borrower
        // and portfolio rows are shared. Serialise that tail across concurrent batches (held to
        // commit): no deadlocks, and each borrower aggregate sees the other batches' committed loans.
        if !borrowerOrder.isEmpty || !batch.portfolio.isEmpty {
            pipeline.send("SELECT pg_advisory_xact_lock(\(Self.sharedRowsLock))")
        }
        try BorrowerViewWriter.write(borrowerOrder.compactMap { borrowerFacts[$0] }, pipeline: &pipeline)
        BorrowerViewWriter.refreshAggregates(borrowerOrder, pipeline: &pipeline)
        ChangeCapture.capture(
            table: "borrower_view", keys: [("borrower_id", "uuid")],
            changes: borrowerOrder.compactMap { id in
                borrowerSources[id].map { ChangeCapture.Change(key: ["borrower_id": .string(id.uuidString)], source: $0) }
            },
            pipeline: &pipeline)
        PortfolioWriter.write(batch.portfolio, pipeline: &pipeline)
        try await pipeline.finish()
        Self.record(batch, borrowerEvents: events.count - loanStreams.values.reduce(0) { $0 + $1.count })
    }

    /// The advisory lock taken before writing borrower and portfolio rows ("LSRMSH").
    static let sharedRowsLock: Int64 = 0x4C53_524D_5348

    /// Counts what the batch did (swift-metrics; a no-op unless an exporter is installed). The
    /// batch may still roll back afterwards: these count work done, not rows committed.
    private static func record(_ batch: LoanBatch, borrowerEvents: Int) {
        Counter(label: "loanstream_read_model_events_total", dimensions: [("stream", "loan")]).increment(by: batch.applied)
        Counter(label: "loanstream_read_model_events_total", dimensions: [("stream", "borrower")]).increment(by: borrowerEvents)
        Counter(label: "loanstream_read_model_duplicates_total").increment(by: batch.duplicates)
        Counter(label: "loanstream_read_model_statement_lines_total").increment(by: batch.lines.count)
    }
}
