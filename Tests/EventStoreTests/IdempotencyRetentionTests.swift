import EventStore
import Foundation
import LoanStreamTestSupport
import PostgresNIO
import Testing

/// Expired idempotency records are deleted; live ones keep replaying.
@Suite("Idempotency retention")
struct IdempotencyRetentionTests {
    @Test("a purge deletes every expired record, in several statements when there are many, and keeps the live ones")
    func purgeExpired() async throws {
        try await AppendTests.migratedStore { store, client in
            for index in 0..<7 {
                try await store.transaction { try await $0.write(CommandWritesTests.writes(UUID(), key: "k\(index)")) }
            }
            try await client.query("UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key <> 'k6' AND key <> 'k5'",
                                   logger: ScratchDatabase.logger)
            #expect(try await store.purgeExpiredIdempotencyKeys(limit: 2) == 5)
            #expect(try await client.count("idempotency_key") == 2)
            let live = try await store.transaction { try await $0.storedResponse(scope: "test", key: "k6") }
            #expect(live?.statusCode == 201, "a live key still replays")
            #expect(try await store.purgeExpiredIdempotencyKeys() == 0)
        }
    }
}
