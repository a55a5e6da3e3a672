import LoanStreamTestSupport
import EventStore
import Foundation
import PostgresNIO
import Testing

/// Guarantee 6 of ARCHITECTURE.md, enforced by the database itself, whatever the application does.
@Suite("Database invariants")
struct InvariantTests {
    static let insertEvent: PostgresQuery = """
        INSERT INTO loan_event (loan_id, version, event_id, event_type, schema_version, occurred_at, effective_at, payload)
        VALUES ('00000000-0000-0000-0000-000000000001', 1, '00000000-0000-0000-0000-0000000000e1',
                'loan.activated', 1, now(), now(), '{}')
        """

    static func entry(lines: [Int64]) -> [PostgresQuery] {
        var queries: [PostgresQuery] = ["""
            INSERT INTO journal_entry (entry_id, loan_id, event_id, currency, effective_date, description)
            VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-000000000001',
                    '00000000-0000-0000-0000-0000000000e1', 'INR', '2026-01-15', 'disbursement')
            """]
        for (index, amount) in lines.enumerated() {
            queries.append("INSERT INTO journal_line (entry_id, line_no, account, amount_minor) VALUES ('00000000-0000-0000-0000-0000000000a1', \(index + 1), 'acct', \(amount))")
        }
        return queries
    }

    static func migrated(_ body: @escaping @Sendable (PostgresClient) async throws -> Void) async throws {
        try await ScratchDatabase.with { client in
            try await MigrationRunner(client: client, logger: ScratchDatabase.logger).migrate()
            try await client.query(insertEvent)
            try await body(client)
        }
    }

    @Test("events cannot be updated, deleted or truncated")
    func eventsAreImmutable() async throws {
        try await Self.migrated { client in
            await #expect(throws: (any Error).self) { try await client.query("UPDATE loan_event SET event_type = 'x'") }
            await #expect(throws: (any Error).self) { try await client.query("DELETE FROM loan_event") }
            await #expect(throws: (any Error).self) { try await client.query("TRUNCATE loan_event CASCADE") }
            let rows = try await client.query("SELECT event_type FROM loan_event")
            var types: [String] = []
            for try await type in rows.decode(String.self) { types.append(type) }
            #expect(types == ["loan.activated"])
        }
    }

    @Test("a journal entry whose lines do not sum to zero is refused at commit; nothing of it remains")
    func unbalancedEntryRefused() async throws {
        try await Self.migrated { client in
            await #expect(throws: (any Error).self) {
                try await client.withTransaction(logger: ScratchDatabase.logger) { connection in
                    for query in Self.entry(lines: [100_000, -99_999]) { try await connection.query(query, logger: ScratchDatabase.logger) }
                }
            }
            await #expect(throws: (any Error).self) {
                try await client.withTransaction(logger: ScratchDatabase.logger) { connection in
                    for query in Self.entry(lines: []) { try await connection.query(query, logger: ScratchDatabase.logger) }
                }
            }
            let count = try await client.query("SELECT count(*)::int FROM journal_entry")
            for try await n in count.decode(Int.self) { #expect(n == 0) }
        }
    }

    @Test("a balanced entry commits, and then it cannot be altered")
    func balancedEntryIsFinal() async throws {
        try await Self.migrated { client in
            try await client.withTransaction(logger: ScratchDatabase.logger) { connection in
                for query in Self.entry(lines: [100_000, -98_000, -2_000]) { try await connection.query(query, logger: ScratchDatabase.logger) }
            }
            await #expect(throws: (any Error).self) { try await client.query("UPDATE journal_line SET amount_minor = 1") }
            await #expect(throws: (any Error).self) { try await client.query("DELETE FROM journal_entry") }
            let sum = try await client.query("SELECT sum(amount_minor)::bigint, count(*)::int FROM journal_line")
            for try await (total, lines) in sum.decode((Int64, Int).self) {
                #expect(total == 0)
                #expect(lines == 3)
            }
        }
    }
}
