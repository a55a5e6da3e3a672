/// What applying a set of ``TopicSpec``s would change on a cluster.
///
/// Topics are never altered: a topic that differs from its spec is reported so a human can decide
/// (changing partition counts re-maps keys to partitions and breaks per-loan order).
public struct TopicPlan: Hashable, Sendable {
    /// One way an existing topic differs from its spec.
    public enum Difference: Hashable, Sendable, CustomStringConvertible {
        /// The partition count differs.
        case partitions(desired: Int, actual: Int)
        /// The replication factor differs.
        case replicationFactor(desired: Int, actual: Int)
        /// A configuration value differs (`actual` is `nil` if the cluster did not report the key).
        case config(name: String, desired: String, actual: String?)

        public var description: String {
            switch self {
            case .partitions(let desired, let actual): "partitions: desired \(desired), actual \(actual)"
            case .replicationFactor(let desired, let actual): "replication factor: desired \(desired), actual \(actual)"
            case .config(let name, let desired, let actual): "\(name): desired \(desired), actual \(actual ?? "unset")"
            }
        }
    }

    /// The decision for one topic.
    public enum Change: Hashable, Sendable {
        /// The topic does not exist and will be created.
        case create
        /// The topic exists and matches its spec.
        case unchanged
        /// The topic exists but differs; it will not be altered.
        case differs([Difference])
    }

    /// One topic's entry.
    public struct Entry: Hashable, Sendable {
        /// The desired spec.
        public var spec: TopicSpec
        /// What would happen to it.
        public var change: Change
    }

    /// One entry per desired spec, in the order given.
    public var entries: [Entry]

    /// Compares desired specs with the cluster's topics.
    ///
    /// - Parameters:
    ///   - desired: The specs.
    ///   - existing: The cluster's topics by name.
    ///   - configs: The cluster's configuration values per topic name (only the keys a spec names are read).
    /// - Returns: The plan.
    public static func diff(
        desired: [TopicSpec], existing: [String: KafkaTopicDescription], configs: [String: [String: String]]
    ) -> TopicPlan {
        TopicPlan(entries: desired.map { spec in
            guard let topic = existing[spec.name] else { return Entry(spec: spec, change: .create) }
            var differences: [Difference] = []
            if topic.partitions.count != spec.partitions {
                differences.append(.partitions(desired: spec.partitions, actual: topic.partitions.count))
            }
            if topic.replicationFactor != spec.replicationFactor {
                differences.append(.replicationFactor(desired: spec.replicationFactor, actual: topic.replicationFactor))
            }
            let actualConfigs = configs[spec.name] ?? [:]
            for (name, desiredValue) in spec.configs.sorted(by: { $0.key < $1.key }) where actualConfigs[name] != desiredValue {
                differences.append(.config(name: name, desired: desiredValue, actual: actualConfigs[name]))
            }
            return Entry(spec: spec, change: differences.isEmpty ? .unchanged : .differs(differences))
        })
    }
}
