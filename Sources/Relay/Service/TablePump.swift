import Kafka
import Logging
import ServiceLifecycle

/// Drains one outbox table into Kafka while this process is the active relay.
///
/// Rounds are pipelined without giving up per-key order. While round *i* is being delivered, round *i+1*
/// is checked against `Schemas/` (and its bad rows parked) and round *i+2* is read by the
/// ``OutboxReader``. Round *i+1* is handed to the producer only after every message of round *i* was
/// acknowledged, and round *i*'s rows are deleted only then. A read's snapshot cannot see parks written
/// after it was taken, so the rows it returns hold every key parked since (round *i+1*'s parks included,
/// written while round *i+2* was read). A round that fails on Kafka is not deleted; the next read starts
/// from the head and finds its rows again (at-least-once), and the rounds read after it are dropped so
/// none of their rows can overtake an earlier row of their key.
struct TablePump: Sendable {
    let table: OutboxTable
    let check: RowCheck
    let metrics: RelayMetrics
    let settings: RelaySettings
    let logger: Logger

    /// Whether the pump should stop after the round in flight.
    static var stopRequested: Bool { Task.isCancelled || Task.isShuttingDownGracefully }

    /// Runs rounds until the task is cancelled or a graceful shutdown starts; retries failures with backoff.
    ///
    /// - Parameter producer: The producer of the active relay.
    /// - Throws: A ``KafkaError`` with code `fatal`: the producer is unusable and must be recreated.
    func run(producer: KafkaProducer) async throws {
        let backoff = Backoff(initial: settings.backoffInitial, maximum: settings.backoffMax)
        var failures = 0
        while !Self.stopRequested {
            do {
                try await drain(producer: producer, failures: &failures, untilEmpty: false)
            } catch {
                if Self.stopRequested { return }
                if let kafka = error as? KafkaError, kafka.code == .fatal {
                    metrics.recordKafkaError()
                    throw kafka
                }
                failures += 1
                if error is KafkaError { metrics.recordKafkaError() } else { metrics.recordDatabaseError() }
                let delay = backoff.delay(afterFailures: failures)
                logger.error("relay round failed; rows stay in the table and will be sent again", metadata: [
                    "table": "\(table.source.table)", "error": "\(String(reflecting: error))",
                    "consecutive_failures": "\(failures)", "retry_in": "\(delay)"])
                try? await Task.sleep(for: delay)
            }
        }
    }

    /// Publishes rounds until stopped (or, with `untilEmpty`, until a read finds nothing to publish).
    ///
    /// Each pass overlaps four rounds: round *i* is being delivered, round *i−1* (acknowledged) is being
    /// deleted, round *i+1* (read in the previous pass) is being checked, and round *i+2* is being read.
    ///
    /// - Parameters:
    ///   - producer: The producer.
    ///   - failures: Consecutive failures; reset by each successful round.
    ///   - untilEmpty: Return once the table has nothing left to publish (benchmarks and tests).
    /// - Throws: The first Kafka or PostgreSQL error; rows not yet deleted stay in the table.
    func drain(producer: KafkaProducer, failures: inout Int, untilEmpty: Bool) async throws {
        var succeeded = false
        defer { if succeeded { failures = 0 } }
        try await OutboxReader.with(table) { reader in
            try await drain(producer: producer, reader: reader, untilEmpty: untilEmpty) { succeeded = true }
        }
    }

    private func drain(producer: KafkaProducer, reader: OutboxReader, untilEmpty: Bool,
                       acknowledged onAcknowledged: () -> Void) async throws {
        let clock = ContinuousClock()
        var lastStatistics = clock.now - .seconds(60)
        try await withThrowingTaskGroup(of: Void.self) { group in
            var inFlight: [Int64] = []
            var acknowledged: [Int64] = []
            var read: [OutboxRow] = []
            // Keys parked since the snapshot that `read` came from was taken: it may still hold their rows.
            var parkedSinceSnapshot = Set<String>()
            while true {
                if clock.now - lastStatistics >= .seconds(1) {
                    let statistics = try await table.statistics()
                    metrics.record(statistics)
                    lastStatistics = clock.now
                }
                let stopping = Self.stopRequested
                let deleting = acknowledged
                async let deletion: Void = table.delete(deleting)
                let excluded = inFlight + acknowledged + read.map(\.id)
                async let readAhead = stopping
                    ? OutboxReader.Round(rows: [], opened: false)
                    : reader.next(limit: settings.batchSize, excluding: excluded)
                let next = stopping ? RoundPlan() : try await prepare(read, blocked: parkedSinceSnapshot)
                let ahead = try await readAhead
                try await deletion
                if !inFlight.isEmpty {
                    _ = try await group.next()  // rethrows the in-flight round's delivery failure
                    // Counted when acknowledged, so the count never trails the rows' deletion.
                    metrics.recordPublished(inFlight.count)
                    onAcknowledged()
                }
                acknowledged = inFlight
                inFlight = next.publish
                read = ahead.rows
                // A snapshot taken while this round's parks were written may not see them either.
                parkedSinceSnapshot = ahead.opened ? next.parkedKeys : parkedSinceSnapshot.union(next.parkedKeys)
                if !next.messages.isEmpty {
                    let messages = next.messages
                    group.addTask { _ = try await producer.sendBatch(messages) }
                }
                guard inFlight.isEmpty, acknowledged.isEmpty, read.isEmpty else { continue }
                if stopping || (untilEmpty && next.park.isEmpty) { return }
                if next.park.isEmpty { try await Task.sleep(for: settings.pollInterval) }
            }
        }
    }

    /// Checks a round that was read, and parks the rows that fail their checks.
    ///
    /// - Parameters:
    ///   - rows: The round, in id order.
    ///   - blocked: Keys parked after these rows were read: their rows are held, not published.
    private func prepare(_ rows: [OutboxRow], blocked: Set<String>) async throws -> RoundPlan {
        guard !rows.isEmpty else { return RoundPlan() }
        let plan = RoundPlan(rows: rows, verdicts: await check.verdicts(on: rows, source: table.source), blocked: blocked)
        if !plan.park.isEmpty {
            try await table.park(plan.park)
            metrics.recordParked(plan.park.count)
            for (id, error) in plan.park {
                logger.error("outbox row parked", metadata: [
                    "table": "\(table.source.table)", "id": "\(id)", "error": "\(error)"])
            }
        }
        if plan.held > 0 {
            logger.warning("rows held behind a parked row of their key", metadata: [
                "table": "\(table.source.table)", "held": "\(plan.held)"])
        }
        return plan
    }
}
