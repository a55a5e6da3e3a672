import EventStore
import Foundation

/// A projector's settings, from `LOANSTREAM_PROJECTOR_*` variables (and `KAFKA_BROKERS`).
public struct ProjectorSettings: Sendable, Equatable {
    /// `KAFKA_BROKERS`.
    public var brokers: String
    /// `LOANSTREAM_PROJECTOR_TOPICS`: comma-separated topics replacing the projection's own (tests,
    /// benchmarks). Default: the projection's topics.
    public var topics: [String]?
    /// `LOANSTREAM_PROJECTOR_DLQ_TOPIC`: the DLQ topic for every source topic. Default: the
    /// catalog's DLQ topic whose `source_topic` is the message's topic.
    public var dlqTopic: String?
    /// `LOANSTREAM_PROJECTOR_GROUP`: the consumer group. Default `loanstream.<projection>` (what
    /// the lag exporter expects); override only to isolate tests.
    public var group: String?
    /// `LOANSTREAM_PROJECTOR_BATCH_SIZE`: most messages per batch (one transaction). Default 1000.
    public var batchSize = 1000
    /// `LOANSTREAM_PROJECTOR_BATCH_WAIT_MS`: how long a read waits for a first message before the projector
    /// looks again (gap timers, shutdown); a batch is then what is already queued. Default 25 ms.
    public var batchWait: Duration = .milliseconds(25)
    /// `LOANSTREAM_PROJECTOR_FETCH_WAIT_MS`: the longest a fetch waits at the broker for new data
    /// (librdkafka's `fetch.wait.max.ms`, default 500). Default 50 ms: Tansu answers a waiting fetch only
    /// when the wait ends, not when data arrives, so librdkafka's default put up to half a second on
    /// every event's visibility at light load. Lower is fresher but costs the broker CPU on idle fetches.
    public var fetchWait: Duration = .milliseconds(50)
    /// `LOANSTREAM_PROJECTOR_GAP_TIMEOUT_MS`: how long an event may wait for a missing earlier
    /// version before it is parked as `version_gap`. Default 300000 (5 minutes).
    public var gapTimeout: Duration = .seconds(300)
    /// `LOANSTREAM_PROJECTOR_SESSION_TIMEOUT_MS`: the consumer group session timeout. Default 10000
    /// (Tansu holds a join for about half of it).
    public var sessionTimeout: Duration = .seconds(10)
    /// `LOANSTREAM_PROJECTOR_INSTANCE_ID`: this member's client id suffix. Default: the host name and process id.
    public var instanceID: String

    public init(brokers: String, instanceID: String = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)") {
        self.brokers = brokers
        self.instanceID = instanceID
    }

    /// Reads the settings.
    ///
    /// - Throws: ``SettingsError`` naming the variable that is missing or malformed.
    public init(environment: [String: String]) throws(SettingsError) {
        guard let brokers = environment["KAFKA_BROKERS"], !brokers.isEmpty else {
            throw SettingsError(variable: "KAFKA_BROKERS", reason: "is not set (source .data/stack.env after `scripts/stack up`)")
        }
        self.init(brokers: brokers)
        func text(_ name: String) -> String? {
            environment["LOANSTREAM_PROJECTOR_" + name].flatMap { $0.isEmpty ? nil : $0 }
        }
        func positive(_ name: String) throws(SettingsError) -> Int? {
            guard let raw = text(name) else { return nil }
            guard let value = Int(raw), value > 0 else {
                throw SettingsError(variable: "LOANSTREAM_PROJECTOR_" + name, reason: "must be a positive integer, got \"\(raw)\"")
            }
            return value
        }
        topics = text("TOPICS").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        dlqTopic = text("DLQ_TOPIC")
        group = text("GROUP")
        if let id = text("INSTANCE_ID") { instanceID = id }
        if let value = try positive("BATCH_SIZE") { batchSize = value }
        if let value = try positive("BATCH_WAIT_MS") { batchWait = .milliseconds(value) }
        if let value = try positive("FETCH_WAIT_MS") { fetchWait = .milliseconds(value) }
        if let value = try positive("GAP_TIMEOUT_MS") { gapTimeout = .milliseconds(value) }
        if let value = try positive("SESSION_TIMEOUT_MS") { sessionTimeout = .milliseconds(value) }
    }
}
