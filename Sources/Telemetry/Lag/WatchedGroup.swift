import Foundation

/// A Kafka consumer group the lag exporter reports on, with the topics it consumes.
///
/// Our Kafka wrapper cannot list groups or their subscriptions, so the topics are configuration.
public struct WatchedGroup: Sendable, Hashable {
    /// The group id.
    public var group: String
    /// The topics it consumes.
    public var topics: [String]

    /// Creates a watched group.
    ///
    /// - Parameters:
    ///   - group: The group id.
    ///   - topics: The topics it consumes.
    public init(group: String, topics: [String]) {
        self.group = group
        self.topics = topics
    }

    /// Parses `group=topic,topic;group=topic` (the `LOANSTREAM_EXPORTER_GROUPS` format).
    ///
    /// - Parameters:
    ///   - text: The list; empty means no group.
    ///   - variable: The variable name, for the error.
    /// - Returns: The groups in the order given.
    /// - Throws: ``TelemetryError`` naming `variable` when an entry has no `=`, no group or no topic.
    public static func parseList(_ text: String, variable: String) throws(TelemetryError) -> [WatchedGroup] {
        var groups: [WatchedGroup] = []
        for entry in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let topics = parts.count == 2 ? parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty } : []
            guard parts.count == 2, !parts[0].isEmpty, !topics.isEmpty else {
                throw TelemetryError(.configuration, "\(variable): \"\(entry)\" is not group=topic[,topic…]")
            }
            groups.append(WatchedGroup(group: parts[0], topics: topics))
        }
        return groups
    }
}
