import Metrics
import Synchronization

/// The relay's metrics for one table (dimension `table`), plus in-process counters tests and the
/// benchmark can read without a metrics backend.
///
/// - `loanstream_outbox_backlog_rows` (gauge): rows waiting in the table.
/// - `loanstream_outbox_oldest_age_seconds` (gauge): age of the oldest waiting row.
/// - `loanstream_relay_published_total` (counter): rows Kafka acknowledged (and the relay then deleted).
/// - `loanstream_relay_errors_total` (counter, dimension `kind`: `kafka`, `database`): failed rounds.
/// - `loanstream_relay_parked_rows` (gauge): rows of the table in `outbox_parked`.
/// - `loanstream_relay_parked_total` (counter): rows this process parked.
/// - `loanstream_relay_held_rows` (gauge): waiting rows held back behind a parked row of their key.
final class RelayMetrics: Sendable {
    private let backlog: Gauge
    private let oldestAge: Gauge
    private let published: Counter
    private let kafkaErrors: Counter
    private let databaseErrors: Counter
    private let parkedRows: Gauge
    private let parkedTotal: Counter
    private let heldRows: Gauge
    private let counts = Mutex(RelayCounts())

    init(table: String) {
        let dimensions = [("table", table)]
        backlog = Gauge(label: "loanstream_outbox_backlog_rows", dimensions: dimensions)
        oldestAge = Gauge(label: "loanstream_outbox_oldest_age_seconds", dimensions: dimensions)
        published = Counter(label: "loanstream_relay_published_total", dimensions: dimensions)
        kafkaErrors = Counter(label: "loanstream_relay_errors_total", dimensions: dimensions + [("kind", "kafka")])
        databaseErrors = Counter(label: "loanstream_relay_errors_total", dimensions: dimensions + [("kind", "database")])
        parkedRows = Gauge(label: "loanstream_relay_parked_rows", dimensions: dimensions)
        parkedTotal = Counter(label: "loanstream_relay_parked_total", dimensions: dimensions)
        heldRows = Gauge(label: "loanstream_relay_held_rows", dimensions: dimensions)
    }

    func recordPublished(_ count: Int) {
        guard count > 0 else { return }
        published.increment(by: count)
        counts.withLock { $0.published += count }
    }

    func recordParked(_ count: Int) {
        guard count > 0 else { return }
        parkedTotal.increment(by: count)
        counts.withLock { $0.parked += count }
    }

    func recordKafkaError() {
        kafkaErrors.increment()
        counts.withLock { $0.kafkaErrors += 1 }
    }

    func recordDatabaseError() {
        databaseErrors.increment()
        counts.withLock { $0.databaseErrors += 1 }
    }

    func record(_ statistics: OutboxTable.Statistics) {
        backlog.record(statistics.backlog)
        oldestAge.record(statistics.oldestAgeSeconds)
        parkedRows.record(statistics.parked)
        heldRows.record(statistics.held)
    }

    /// What this process counted so far.
    var snapshot: RelayCounts { counts.withLock { $0 } }
}

/// In-process totals of one table's relay, since the relay was created.
public struct RelayCounts: Sendable, Equatable {
    /// Rows published and deleted.
    public var published = 0
    /// Rows parked.
    public var parked = 0
    /// Rounds that failed on Kafka (the rows were kept and sent again).
    public var kafkaErrors = 0
    /// Rounds that failed on PostgreSQL.
    public var databaseErrors = 0
}
