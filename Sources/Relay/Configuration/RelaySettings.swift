/// Settings of the outbox relay, read from `LOANSTREAM_RELAY_*` and `KAFKA_BROKERS`.
///
/// Every field documents its default and its environment variable. Values are checked when read, and a
/// bad one is refused with a ``RelayError`` naming the variable.
public struct RelaySettings: Sendable, Equatable {
    /// The outbox tables to drain, each with its topic mapping (`LOANSTREAM_RELAY_TABLES`, comma-separated).
    /// Default `outbox` and `cdc_outbox`.
    public var sources: [RelaySource] = [RelaySource(table: "outbox"), RelaySource(table: "cdc_outbox")]
    /// Comma-separated bootstrap brokers (`KAFKA_BROKERS`). Required.
    public var brokers: String
    /// The most rows one round reads from a table (`LOANSTREAM_RELAY_BATCH_SIZE`). Default 5,000.
    public var batchSize: Int = 5_000
    /// How long to wait before polling a table again when it was empty (`LOANSTREAM_RELAY_POLL_INTERVAL_MS`).
    /// Default 25 ms: it bounds how long a committed event waits before the relay looks (an idle poll is one
    /// indexed query).
    public var pollInterval: Duration = .milliseconds(25)
    /// The PostgreSQL advisory-lock key that makes one relay active per database and table set
    /// (`LOANSTREAM_RELAY_LOCK_KEY`, a signed 64-bit integer). Default `5500000000000000001`.
    public var lockKey: Int64 = 5_500_000_000_000_000_001
    /// How often a standby tries to take the lock (`LOANSTREAM_RELAY_STANDBY_RETRY_MS`). Default 1 s.
    public var standbyRetry: Duration = .seconds(1)
    /// How often the active relay checks that its lock connection is alive (`LOANSTREAM_RELAY_LOCK_CHECK_MS`).
    /// Default 500 ms; when the check fails the relay stops publishing at once.
    public var lockCheckInterval: Duration = .milliseconds(500)
    /// First wait after a failed round (`LOANSTREAM_RELAY_BACKOFF_INITIAL_MS`). Default 200 ms; doubles per
    /// consecutive failure.
    public var backoffInitial: Duration = .milliseconds(200)
    /// Longest wait between retries (`LOANSTREAM_RELAY_BACKOFF_MAX_MS`). Default 10 s.
    public var backoffMax: Duration = .seconds(10)
    /// How long the producer keeps retrying a message before the round fails and is retried from the table
    /// (`LOANSTREAM_RELAY_DELIVERY_TIMEOUT_MS`). Default 30 s.
    public var deliveryTimeout: Duration = .seconds(30)
    /// Payloads larger than this are parked instead of being sent (`LOANSTREAM_RELAY_MAX_MESSAGE_BYTES`).
    /// Default 1,000,000 (Kafka's default `message.max.bytes`), so one oversized row cannot stall the relay.
    public var maxMessageBytes: Int = 1_000_000

    /// Creates settings with the documented defaults.
    ///
    /// - Parameter brokers: Comma-separated bootstrap brokers.
    public init(brokers: String) {
        self.brokers = brokers
    }

    /// Reads the settings from the environment.
    ///
    /// - Parameter environment: The variables, usually `ProcessInfo.processInfo.environment`.
    /// - Throws: ``RelayError`` with code `configuration`, naming the variable that is missing or malformed.
    public init(environment: [String: String]) throws(RelayError) {
        guard let brokers = environment["KAFKA_BROKERS"], !brokers.isEmpty else {
            throw RelayError(.configuration, "KAFKA_BROKERS is not set (source scripts/env.sh)")
        }
        self.init(brokers: brokers)
        let reader = EnvironmentReader(environment: environment)
        if let tables = reader.raw("LOANSTREAM_RELAY_TABLES") {
            let mapping = try RelaySource.parseMapping(reader.raw("LOANSTREAM_RELAY_TOPIC_MAP") ?? "")
            sources = try RelaySource.parseTables(tables).map { RelaySource(table: $0, topicMapping: mapping) }
        } else if let map = reader.raw("LOANSTREAM_RELAY_TOPIC_MAP") {
            let mapping = try RelaySource.parseMapping(map)
            sources = sources.map { RelaySource(table: $0.table, topicMapping: mapping) }
        }
        batchSize = try reader.integer("LOANSTREAM_RELAY_BATCH_SIZE", in: 1...100_000) ?? batchSize
        pollInterval = try reader.milliseconds("LOANSTREAM_RELAY_POLL_INTERVAL_MS") ?? pollInterval
        if let raw = reader.raw("LOANSTREAM_RELAY_LOCK_KEY") {
            guard let key = Int64(raw) else {
                throw RelayError(.configuration, "LOANSTREAM_RELAY_LOCK_KEY must be a signed 64-bit integer, got \"\(raw)\"")
            }
            lockKey = key
        }
        standbyRetry = try reader.milliseconds("LOANSTREAM_RELAY_STANDBY_RETRY_MS") ?? standbyRetry
        lockCheckInterval = try reader.milliseconds("LOANSTREAM_RELAY_LOCK_CHECK_MS") ?? lockCheckInterval
        backoffInitial = try reader.milliseconds("LOANSTREAM_RELAY_BACKOFF_INITIAL_MS") ?? backoffInitial
        backoffMax = try reader.milliseconds("LOANSTREAM_RELAY_BACKOFF_MAX_MS") ?? backoffMax
        deliveryTimeout = try reader.milliseconds("LOANSTREAM_RELAY_DELIVERY_TIMEOUT_MS") ?? deliveryTimeout
        maxMessageBytes = try reader.integer("LOANSTREAM_RELAY_MAX_MESSAGE_BYTES", in: 1...100_000_000) ?? maxMessageBytes
    }
}

/// Reads typed values from environment variables, naming the variable in every error.
private struct EnvironmentReader {
    let environment: [String: String]

    func raw(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingWhitespace, !value.isEmpty else { return nil }
        return value
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(RelayError) -> Int? {
        guard let raw = raw(name) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw RelayError(.configuration, "\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got \"\(raw)\"")
        }
        return value
    }

    func milliseconds(_ name: String) throws(RelayError) -> Duration? {
        try integer(name, in: 1...86_400_000).map { .milliseconds($0) }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(self.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
