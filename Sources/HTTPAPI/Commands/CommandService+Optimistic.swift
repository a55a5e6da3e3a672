import EventStore
import Foundation

extension CommandService {
    /// The common path of a command: two statements, no transaction block and no lock.
    ///
    /// One statement reads the idempotency key's stored response and the stream's new events; the command is
    /// decided; one statement (its own transaction) writes the events, journal, outbox rows and the stored
    /// response, inserting the idempotency record without a conflict clause. The `(stream, version)` primary key
    /// refuses it if another writer took the next version meanwhile, and the key's primary key refuses it if
    /// another request took the key: either way nothing is written and the command goes down the locking path,
    /// which claims the key, locks the stream and re-decides (so racing writers are serialised, not refused).
    ///
    /// - Returns: The reply, or `nil` when the command must take the locking path: a writer or a duplicate won the
    ///   race, an expired response still holds the key, or the command writes no events (its reply is stored under
    ///   the claimed key).
    /// - Throws: Domain refusals and the errors of the store; nothing is written then.
    func executeOptimistically(_ request: CommandRequest) async throws -> CommandReply? {
        let stream = streamToLoad(request)
        let outcome: (reply: CommandReply, committed: Decision?)? = try await store.autocommit { tx in
            let found = try await tx.lookUp(scope: request.idempotencyScope, key: request.idempotencyKey, stream: stream)
            if let stored = found.stored { return (try replay(stored, of: request), nil) }
            guard !found.expiredKey else { return nil }
            let decision = try await decide(request) { id, kind, afterVersion in
                if let stream, stream.id == id, stream.kind == kind, stream.afterVersion == afterVersion { return found.events }
                return try await tx.loadStream(id, kind: kind, afterVersion: afterVersion)
            }
            let (reply, writes) = try prepare(request, decision)
            guard !writes.events.isEmpty else { return nil }
            do {
                try await tx.write(writes, mode: .unclaimed)
            } catch let error as EventStoreError where error.code == .versionConflict {
                return nil
            }
            return (reply, decision)
        }
        guard let outcome else { return nil }
        remember(outcome.committed)
        return outcome.reply
    }
}
