import EventStore
import Projections
import Testing

@Suite("Upgrading a database with loan snapshots")
struct SnapshotMigrationTests {
    @Test("snapshots stored as jsonb before migration 8 are carried on after it: the read models end as if never upgraded")
    func jsonbSnapshotsSurviveTheTextMigration() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            try await h.repay(book.x, "9000.00", on: ReadModelHarness.date("2026-03-16"), today: Book.lastDay)
            let events = try await h.outboxEvents()
            try await h.project(events)
            let straight = try await h.readModelDigest()

            try await h.truncateReadModels()
            let half = events.count / 2
            try await h.project(Array(events[..<half]))
            // Back to the layout before migration 8, as a database upgraded from an older release holds it.
            try await h.client.query("ALTER TABLE loan_snapshot ALTER COLUMN snapshot TYPE jsonb USING snapshot::jsonb",
                                     logger: ReadModelHarness.logger)
            try await h.client.query("DELETE FROM schema_migration WHERE version = 8", logger: ReadModelHarness.logger)
            let report = try await MigrationRunner(client: h.client, migrations: Migration.platform,
                                                   logger: ReadModelHarness.logger).migrate()
            #expect(report.applied == [8])
            // A new projector instance: nothing cached, every snapshot is read back from the converted column.
            try await h.project(Array(events[half...]))
            #expect(try await h.readModelDigest() == straight)
        }
    }
}
