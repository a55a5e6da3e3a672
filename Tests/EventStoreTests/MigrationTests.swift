@testable import EventStore
import LoanStreamTestSupport
import PostgresNIO
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("a fresh database gets every migration once; a second run applies nothing")
    func appliesOnce() async throws {
        try await ScratchDatabase.with { client in
            let runner = MigrationRunner(client: client, logger: ScratchDatabase.logger)
            let first = try await runner.migrate()
            #expect(first.applied == Migration.all.map(\.version))
            let second = try await runner.migrate()
            #expect(second.applied.isEmpty)
            #expect(second.alreadyApplied == Migration.all.map(\.version))
            try await runner.verify()
        }
    }

    @Test("an applied migration whose SQL changed stops the service from starting")
    func refusesChangedMigration() async throws {
        try await ScratchDatabase.with { client in
            try await MigrationRunner(client: client, logger: ScratchDatabase.logger).migrate()
            var edited = Migration.all
            edited[0].sql += "\nCREATE TABLE sneaky (id int);"
            let runner = MigrationRunner(client: client, migrations: edited, logger: ScratchDatabase.logger)
            await #expect { try await runner.verify() } throws: { error in
                (error as? EventStoreError)?.code == .migrationChanged
            }
            await #expect(throws: (any Error).self) { try await runner.migrate() }
        }
    }

    @Test("a service refuses an unmigrated database and says what to run")
    func pendingIsReported() async throws {
        try await ScratchDatabase.with { client in
            let runner = MigrationRunner(client: client, logger: ScratchDatabase.logger)
            await #expect { try await runner.verify() } throws: { error in
                guard let error = error as? EventStoreError else { return false }
                return error.code == .migrationsPending && error.reason.contains("loanstream migrate")
            }
        }
    }

    @Test("a script splits on semicolons outside quotes, comments and dollar-quoted bodies")
    func splitsStatements() {
        let script = """
        CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
        -- a comment; not a statement
        INSERT INTO t VALUES ('a;b', "x;y"); /* c; d */
        DO $body$ BEGIN PERFORM 1; END $body$
        """
        let statements = SQLScript.statements(in: script)
        #expect(statements.count == 3)
        #expect(statements[0] == "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$")
        #expect(statements[1].hasSuffix(#"INSERT INTO t VALUES ('a;b', "x;y")"#))
        #expect(statements[2].hasPrefix("/* c; d */"))
    }

    @Test("migration 7 keeps the outbox's waiting and parked rows, their headers now the JSON text they held")
    func outboxHeadersBecomeText() async throws {
        try await ScratchDatabase.with { client in
            let before = Migration.all.filter { $0.version < Migration.outboxHeadersAsText.version }
            _ = try await MigrationRunner(client: client, migrations: before, logger: ScratchDatabase.logger).migrate()
            try await client.query("""
                INSERT INTO outbox (topic, key, headers, payload) VALUES ('t', 'k', '{"event_type": "x", "n": 1}', '{}');
                """, logger: ScratchDatabase.logger)
            try await client.query("""
                INSERT INTO outbox_parked (source_table, id, topic, key, headers, payload, created_at, error)
                VALUES ('outbox', 9, 't', 'k', '{"event_type": "y"}', '{}', now(), 'bad')
                """, logger: ScratchDatabase.logger)
            let report = try await MigrationRunner(client: client, logger: ScratchDatabase.logger).migrate()
            #expect(report.applied == [Migration.outboxHeadersAsText.version])
            let rows = try await client.query("""
                SELECT (SELECT headers FROM outbox), (SELECT headers FROM outbox_parked),
                       (SELECT string_agg(DISTINCT data_type, ',') FROM information_schema.columns
                         WHERE table_name IN ('outbox', 'cdc_outbox', 'outbox_parked') AND column_name = 'headers')
                """, logger: ScratchDatabase.logger)
            for try await (waiting, parked, types) in rows.decode((String, String, String).self) {
                #expect(waiting == #"{"n": 1, "event_type": "x"}"#)
                #expect(parked == #"{"event_type": "y"}"#)
                #expect(types == "text")
            }
            // A row written without headers still gets an empty object.
            try await client.query("INSERT INTO outbox (topic, key, payload) VALUES ('t', 'k', '{}')", logger: ScratchDatabase.logger)
            let defaults = try await client.query("SELECT count(*)::int8 FROM outbox WHERE headers = '{}'", logger: ScratchDatabase.logger)
            for try await count in defaults.decode(Int.self) { #expect(count == 1) }
        }
    }
}
