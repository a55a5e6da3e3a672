import EventSchemas
import EventStore
import Foundation
import Kafka
import Logging
import LoanStreamTestSupport
import PostgresNIO
@testable import Projections
import Testing

@Suite("Consumer group members, crashes and rebuilds", .serialized)
struct GroupAndCrashTests {
    typealias H = ProjectorHarness

    static func events(topic: String, loans: Int, versions: Int) -> [KafkaProducerMessage] {
        let ids = (0..<loans).map { _ in UUID() }
        return (1...versions).flatMap { version in ids.map { SyntheticEvents.repayment(topic: topic, loanID: $0, version: version) } }
    }

    @Test("two instances in one group share the partitions and together apply everything exactly once")
    func twoInstances() async throws {
        let (topic, dlq) = try await H.topics("pair", partitions: 6)
        let messages = Self.events(topic: topic, loans: 40, versions: 5)
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let settings = try H.settings(topic: topic, dlq: dlq, batchSize: 20)
            var second = settings
            second.instanceID += "-b"
            let first = try H.projector(client, settings: settings)
            let other = try H.projector(client, settings: second)
            let (reports, shares) = try await H.running([first, other]) {
                try await H.eventually { !first.assignment.isEmpty && !other.assignment.isEmpty && first.assignment.count + other.assignment.count == 6 }
                let shares = (first.assignment, other.assignment)
                let reports = try await H.send(messages)
                try await H.eventually { try await client.count("event_index") >= messages.count }
                try await Task.sleep(for: .milliseconds(500))
                return (reports, shares)
            }
            #expect(!shares.0.isEmpty && !shares.1.isEmpty && shares.0.isDisjoint(with: shares.1), "\(shares)")
            #expect(try await H.index(client) == H.expected(messages, reports))
            #expect(try await H.checkpoints(client) == H.ends(reports))
        }
    }

    @Test("killed with SIGKILL mid-stream, fed duplicates and poison, and restarted: event_index is exactly the log's good events, once; the DLQ exactly the poison")
    func sigkill() async throws {
        let (topic, dlq) = try await H.topics("kill", partitions: 4)
        let messages = Self.events(topic: topic, loans: 300, versions: 10)
        let poison = [
            SyntheticEvents.message(topic: topic, loanID: UUID(), version: 1, eventID: UUID(), value: "{\"broken\": "),
            SyntheticEvents.message(topic: topic, loanID: UUID(), version: 1, eventID: UUID(), value: "{}"),
            SyntheticEvents.message(topic: topic, loanID: UUID(), version: 1, eventID: UUID(), eventType: "loan.teleported",
                                    value: SyntheticEvents.repaymentReceived(loanID: UUID(), version: 1, eventID: UUID())
                                        .replacingOccurrences(of: "repayment.received", with: "loan.teleported")),
        ]
        let reports = try await H.send(messages)
        // Poison in the middle of the stream, then duplicated deliveries of a tenth of the events.
        let poisonReports = try await H.send(poison)
        let duplicateReports = try await H.send(Array(messages.shuffled().prefix(300)))
        let binary = RepositoryContracts.root.appendingPathComponent(".build/debug/loanstream").path
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build the loanstream product first")
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            var database = ""
            for try await name in try await client.query("SELECT current_database()").decode(String.self) { database = name }
            var environment = ProcessInfo.processInfo.environment
            environment["POSTGRES_DB"] = database
            environment["LOANSTREAM_PROJECTOR_TOPICS"] = topic
            environment["LOANSTREAM_PROJECTOR_DLQ_TOPIC"] = dlq
            environment["LOANSTREAM_PROJECTOR_GROUP"] = H.unique("killgroup")
            environment["LOANSTREAM_PROJECTOR_SESSION_TIMEOUT_MS"] = "6000"
            environment["LOANSTREAM_PROJECTOR_BATCH_SIZE"] = "25"
            environment["LOG_LEVEL"] = "warning"
            func launch() throws -> Process {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: binary)
                process.arguments = ["project", "--projection", "event_index",
                                     "--schemas-dir", RepositoryContracts.root.appendingPathComponent("Schemas").path]
                process.environment = environment
                try process.run()
                return process
            }
            let total = messages.count + poison.count + duplicateReports.count
            let first = try launch()
            let started = try await H.eventually(timeout: .seconds(60)) { try await client.count("event_index") >= 200 }
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            let atKill = try await client.count("event_index")
            #expect(started && atKill < messages.count, "killed mid-stream (\(atKill) of \(messages.count) applied)")

            let second = try launch()
            let finished = try await H.eventually(timeout: .seconds(120)) {
                try await client.scalar("SELECT coalesce(sum(next_offset), 0)::int8 FROM projection_checkpoint") == total
            }
            second.terminate()
            second.waitUntilExit()
            #expect(finished)
            #expect(second.terminationStatus == 0, "SIGTERM is a graceful shutdown")
            let index = try await H.index(client)
            let expected = H.expected(messages, reports)
            #expect(index == expected, "\(index.count) rows; missing \(Array(Set(expected).subtracting(index).prefix(3))); unexpected \(Array(Set(index).subtracting(expected).prefix(3)))")
            #expect(try await H.checkpoints(client) == H.ends(reports + poisonReports + duplicateReports))
            #expect(try await client.scalar("SELECT count(*)::int8 FROM projection_stream WHERE version = 10") == 300)
            // A crash between the DLQ send and the commit may send a dead letter twice (at-least-once);
            // by origin, the DLQ holds exactly the poison.
            let dead = try await H.readAll(dlq, count: 100, timeout: .seconds(5))
            let deadOrigins = Set(dead.map { message -> String in
                let header = { (name: String) in message.header(name).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) } ?? "?" }
                return "\(header("dlq.original_partition"))@\(header("dlq.original_offset"))"
            })
            #expect(deadOrigins == Set(poisonReports.map { "\($0.partition)@\($0.offset)" }))
            #expect(try await client.count("projection_parked") == 3)
        }
    }

    @Test("a rebuild from offset 0 swaps in rows equal to the incrementally built ones")
    func rebuildEqualsIncremental() async throws {
        let (topic, dlq) = try await H.topics("rebuild", partitions: 3)
        let messages = Self.events(topic: topic, loans: 30, versions: 4)
        let hash = "SELECT md5(string_agg(e::text, ',' ORDER BY stream_id, version)) FROM event_index e"
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let projector = try H.projector(client, settings: H.settings(topic: topic, dlq: dlq))
            let (incremental, rebuilt, later) = try await H.running([projector]) {
                _ = try await H.send(messages)
                try await H.eventually { try await client.count("event_index") >= messages.count }
                let incremental = try await Self.text(client, hash)
                // Garble the live rows: a rebuild must not depend on them.
                try await client.query("UPDATE event_index SET event_type = 'garbled' WHERE version = 2")
                let rebuild = ProjectionRebuild(projection: EventIndexProjection(), client: client,
                                                decoder: EventDecoder(schemas: try RepositoryContracts.schemas.get()),
                                                brokers: try H.brokers(), topics: [topic], logger: H.logger)
                let report = try await rebuild.run(from: .kafka)
                #expect(report.filled + report.caughtUp == messages.count)
                let rebuilt = try await Self.text(client, hash)
                // The live projector keeps writing into the swapped-in table.
                let more = Self.events(topic: topic, loans: 5, versions: 1)
                _ = try await H.send(more)
                try await H.eventually { try await client.count("event_index") >= messages.count + 5 }
                return (incremental, rebuilt, try await client.count("event_index"))
            }
            #expect(rebuilt == incremental)
            #expect(later == messages.count + 5)
            #expect(try await client.scalar("SELECT count(*)::int8 FROM pg_namespace WHERE nspname LIKE 'rebuild_%'") == 0)
            await #expect(throws: ProjectorError.self) {
                try await ProjectionRebuild(projection: EventIndexProjection(), client: client,
                                            decoder: EventDecoder(schemas: try RepositoryContracts.schemas.get()), brokers: nil,
                                            logger: H.logger).run(from: .eventStore)
            }
        }
    }

    static func text(_ client: PostgresClient, _ sql: String) async throws -> String {
        for try await value in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(String.self) { return value }
        return ""
    }
}

/// A projection that does not care about Kafka positions: repayments per loan, in a table the test creates.
struct RepaymentTotals: Projection {
    var name: String { "repayment_totals" }
    var topics: [String] { ["lending.loan-events"] }
    var tables: [String] { ["test_repayment_total"] }

    func apply(_ events: [ProjectedEvent], connection: PostgresConnection, logger: Logger) async throws {
        for event in events {
            let amount = event.envelope["data"]?["amount"]?["amount"]?.stringValue ?? "0"
            try await connection.query("""
                INSERT INTO test_repayment_total (loan_id, total, events, last_version) VALUES (\(event.streamID), \(amount)::numeric, 1, \(event.version))
                ON CONFLICT (loan_id) DO UPDATE SET total = test_repayment_total.total + EXCLUDED.total,
                    events = test_repayment_total.events + 1, last_version = EXCLUDED.last_version
                """, logger: logger)
        }
    }
}

@Suite("Rebuild from the event store")
struct EventStoreRebuildTests {
    typealias H = ProjectorHarness

    @Test("a rebuild from the event store equals the incremental build, up to what the projector had applied")
    func rebuildFromEventStore() async throws {
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            try await client.query("CREATE TABLE test_repayment_total (loan_id uuid PRIMARY KEY, total numeric NOT NULL, events int NOT NULL, last_version int NOT NULL)")
            let loans = (0..<20).map { _ in UUID() }
            var raws: [RawMessage] = []
            for version in 1...4 {
                for loan in loans {
                    let message = SyntheticEvents.repayment(topic: "lending.loan-events", loanID: loan, version: version)
                    raws.append(RawMessage(topic: "lending.loan-events", partition: 0, offset: Int64(raws.count), key: message.key,
                                           value: message.value, headers: message.headers))
                    let payload = String(decoding: message.value ?? [], as: UTF8.self)
                    let envelope = try JSONValue(parsing: payload)
                    try await client.query("""
                        INSERT INTO loan_event (loan_id, version, event_id, event_type, schema_version, occurred_at, effective_at, payload)
                        VALUES (\(loan), \(version), \(UUID(uuidString: envelope["event_id"]?.stringValue ?? "")!), 'repayment.received', 1,
                                now(), now(), \(payload)::jsonb)
                        """)
                }
            }
            // Version 5 of one loan is in the event store but not yet projected: the rebuild must not apply it.
            let ahead = loans[0]
            let extra = SyntheticEvents.repayment(topic: "lending.loan-events", loanID: ahead, version: 5)
            let extraPayload = String(decoding: extra.value ?? [], as: UTF8.self)
            try await client.query("""
                INSERT INTO loan_event (loan_id, version, event_id, event_type, schema_version, occurred_at, effective_at, payload)
                VALUES (\(ahead), 5, \(UUID()), 'repayment.received', 1, now(), now(), \(extraPayload)::jsonb)
                """)
            let processor = BatchProcessor(projection: RepaymentTotals(), client: client,
                                           decoder: EventDecoder(schemas: try RepositoryContracts.schemas.get()), publisher: nil, logger: H.logger)
            try await processor.process(raws)
            let hash = "SELECT md5(string_agg(t::text, ',' ORDER BY loan_id)) FROM test_repayment_total t"
            let incremental = try await GroupAndCrashTests.text(client, hash)
            try await client.query("UPDATE test_repayment_total SET total = 0")
            let report = try await ProjectionRebuild(projection: RepaymentTotals(), client: client,
                                                     decoder: EventDecoder(schemas: try RepositoryContracts.schemas.get()), brokers: nil,
                                                     logger: H.logger).run(from: .eventStore)
            #expect(report.filled == 80)
            #expect(try await GroupAndCrashTests.text(client, hash) == incremental)
            #expect(try await client.scalar("SELECT last_version FROM test_repayment_total WHERE loan_id = '\(ahead)'") == 4)
        }
    }
}
