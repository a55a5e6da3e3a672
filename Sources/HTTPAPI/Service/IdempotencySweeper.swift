import EventStore
import Logging
import ServiceLifecycle

/// Deletes expired idempotency records every `interval` (`serve` and `all` run it), so the table holds only the
/// keys that still replay.
public struct IdempotencySweeper: Service {
    let store: EventStore
    let interval: Duration
    let logger: Logger

    /// - Parameters:
    ///   - store: The event store.
    ///   - interval: Time between sweeps. Default one hour.
    ///   - logger: Where each sweep's count (and a failure) is logged.
    public init(store: EventStore, interval: Duration = .seconds(3_600), logger: Logger) {
        self.store = store
        self.interval = interval
        self.logger = logger
    }

    /// Sweeps now, then every `interval`, until cancelled or a graceful shutdown starts; a failed sweep is logged
    /// and retried at the next one.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let deleted = try await store.purgeExpiredIdempotencyKeys()
                if deleted > 0 { logger.info("expired idempotency records deleted", metadata: ["count": "\(deleted)"]) }
            } catch {
                logger.warning("idempotency sweep failed; retrying at the next one", metadata: ["error": "\(String(reflecting: error))"])
            }
            // Ends at once when a graceful shutdown starts.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
    }
}
