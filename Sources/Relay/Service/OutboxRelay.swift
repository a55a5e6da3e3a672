import EventSchemas
import EventStore
import Kafka
import Logging
import Metrics
import PostgresNIO
import ServiceLifecycle

/// The outbox relay: moves rows of the outbox tables to Kafka, in order per key, at least once.
///
/// Several relays may run against one database; the one holding the advisory lock
/// (``RelaySettings/lockKey``) publishes, the others wait as standbys and try again every
/// ``RelaySettings/standbyRetry``. Each table is drained by its own pump (see ``TablePump``) through one
/// shared idempotent producer. On graceful shutdown the round in flight is finished before returning.
///
/// Metric `loanstream_relay_active` is 1 while this process holds the lock; see ``RelayMetrics`` for the others.
public struct OutboxRelay: Service {
    private let settings: RelaySettings
    private let database: DatabaseSettings
    private let pumps: [TablePump]
    private let metrics: [String: RelayMetrics]
    private let active = Gauge(label: "loanstream_relay_active")
    private let logger: Logger

    /// Creates a relay.
    ///
    /// - Parameters:
    ///   - settings: Tables, batch size, lock key, backoff, brokers.
    ///   - database: Where PostgreSQL is (the lock uses a connection of its own).
    ///   - client: The pool the rounds' queries run on; run it as a service of the same group.
    ///   - schemas: The registry event payloads are validated against.
    ///   - logger: Where state changes, parked rows and errors are logged.
    public init(settings: RelaySettings, database: DatabaseSettings, client: PostgresClient, schemas: SchemaRegistry,
                logger: Logger) {
        self.settings = settings
        self.database = database
        self.logger = logger
        let check = RowCheck(schemas: schemas, maxMessageBytes: settings.maxMessageBytes)
        var metrics: [String: RelayMetrics] = [:]
        pumps = settings.sources.map { source in
            let tableMetrics = RelayMetrics(table: source.table)
            metrics[source.table] = tableMetrics
            return TablePump(table: OutboxTable(source: source, client: client, logger: logger), check: check,
                             metrics: tableMetrics, settings: settings, logger: logger)
        }
        self.metrics = metrics
    }

    /// What this relay counted for `table` since it was created (zero for a table it does not drain).
    public func counts(table: String) -> RelayCounts {
        metrics[table]?.snapshot ?? RelayCounts()
    }

    /// Alternates between standby and active until cancelled or shut down gracefully.
    public func run() async throws {
        active.record(0)
        var announcedStandby = false
        while !TablePump.stopRequested {
            let lock: LeaderLock?
            do {
                lock = try await LeaderLock.acquire(database: database, key: settings.lockKey, logger: logger)
            } catch {
                logger.warning("cannot reach PostgreSQL to take the relay lock", metadata: ["error": "\(String(reflecting: error))"])
                lock = nil
            }
            guard let lock else {
                if !announcedStandby {
                    logger.notice("relay standby: another relay holds the lock", metadata: ["lock_key": "\(settings.lockKey)"])
                    announcedStandby = true
                }
                try? await Task.sleep(for: settings.standbyRetry)
                continue
            }
            announcedStandby = false
            logger.notice("relay active", metadata: [
                "lock_key": "\(settings.lockKey)", "tables": "\(settings.sources.map(\.table).joined(separator: ","))"])
            active.record(1)
            do {
                try await publish(holding: lock)
            } catch {
                logger.error("relay stepped down", metadata: ["error": "\(String(reflecting: error))"])
            }
            active.record(0)
            await lock.release()
        }
        logger.notice("relay stopped")
    }

    /// Runs every pump and the lock watchdog; returns on shutdown, throws when the lock is lost or the
    /// producer failed fatally (the caller then releases the lock and competes for it again with a new producer).
    private func publish(holding lock: LeaderLock) async throws {
        let producer = try KafkaProducer(configuration: Self.producerConfiguration(settings), logger: logger)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await lock.watch(every: settings.lockCheckInterval) }
                for pump in pumps {
                    group.addTask { try await pump.run(producer: producer) }
                }
                while try await group.next() != nil {}
            }
        } catch {
            try? await producer.close(timeout: .seconds(5))
            throw error
        }
        try? await producer.close(timeout: .seconds(10))
    }

    /// The producer's settings: the relay's brokers and delivery timeout, librdkafka defaults otherwise.
    static func producerConfiguration(_ settings: RelaySettings) -> KafkaProducerConfiguration {
        var configuration = KafkaProducerConfiguration(bootstrapServers: settings.brokers)
        configuration.clientID = "loanstream-relay"
        configuration.deliveryTimeout = settings.deliveryTimeout
        return configuration
    }
}
