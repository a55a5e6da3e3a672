/// One outbox table the relay drains, and how its rows' `topic` column maps to Kafka topics.
///
/// The mechanism is the same for the command outbox (`outbox`) and the projectors' CDC outbox
/// (`cdc_outbox`): every table has the columns `id, topic, key, headers, payload, created_at`.
public struct RelaySource: Sendable, Hashable {
    /// The table name: a plain lower-case SQL identifier (it is interpolated into SQL, so it is checked).
    public let table: String
    /// Rewrites a row's `topic` before publishing (e.g. to a per-environment name); topics not in the map
    /// are published as written. Default empty.
    public var topicMapping: [String: String]

    /// Creates a source.
    ///
    /// - Parameters:
    ///   - table: The outbox table; must match `[a-z_][a-z0-9_]*` (at most 63 characters).
    ///   - topicMapping: Row topic → Kafka topic.
    /// - Precondition: `table` is a valid identifier (tables come from ``parseTables(_:)`` or code).
    public init(table: String, topicMapping: [String: String] = [:]) {
        precondition(Self.isIdentifier(table), "not a plain SQL identifier: \(table)")
        self.table = table
        self.topicMapping = topicMapping
    }

    /// The Kafka topic for a row written for `topic`.
    func kafkaTopic(for topic: String) -> String {
        topicMapping[topic] ?? topic
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63 else { return false }
        let lower = UInt8(ascii: "a")...UInt8(ascii: "z"), digit = UInt8(ascii: "0")...UInt8(ascii: "9")
        let underscore = UInt8(ascii: "_")
        guard lower.contains(first) || first == underscore else { return false }
        return name.utf8.allSatisfy { lower.contains($0) || digit.contains($0) || $0 == underscore }
    }

    /// Parses `LOANSTREAM_RELAY_TABLES`: comma-separated table names.
    static func parseTables(_ raw: String) throws(RelayError) -> [String] {
        let tables = raw.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
        guard !tables.isEmpty else { throw RelayError(.configuration, "LOANSTREAM_RELAY_TABLES names no table") }
        for table in tables where !isIdentifier(table) {
            throw RelayError(.configuration, "LOANSTREAM_RELAY_TABLES: \"\(table)\" is not a plain lower-case SQL identifier")
        }
        guard Set(tables).count == tables.count else {
            throw RelayError(.configuration, "LOANSTREAM_RELAY_TABLES names a table twice: \"\(raw)\"")
        }
        return tables
    }

    /// Parses `LOANSTREAM_RELAY_TOPIC_MAP`: comma-separated `row-topic=kafka-topic` pairs.
    static func parseMapping(_ raw: String) throws(RelayError) -> [String: String] {
        var mapping: [String: String] = [:]
        for pair in raw.split(separator: ",") {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, mapping[parts[0]] == nil else {
                throw RelayError(.configuration, "LOANSTREAM_RELAY_TOPIC_MAP: expected from=to pairs, each topic once; got \"\(pair)\"")
            }
            mapping[parts[0]] = parts[1]
        }
        return mapping
    }
}
