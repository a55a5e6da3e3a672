import ArgumentParser
import EventSchemas
import Foundation
import Kafka

extension TopicDefinition {
    /// The Kafka topic this catalog entry asks for: partitions, replication and the topic-level
    /// configs the catalog owns (`cleanup.policy`, `retention.ms`, `min.insync.replicas`).
    var spec: TopicSpec {
        TopicSpec(name: name, partitions: partitions, replicationFactor: replicationFactor, configs: [
            "cleanup.policy": cleanupPolicy.rawValue,
            "retention.ms": retentionMs.map(String.init) ?? "-1",
            "min.insync.replicas": String(minInsyncReplicas),
        ])
    }
}

/// What `topics plan` and `topics apply` share: the catalog, the cluster, and how to print a plan.
struct TopicsCluster {
    var catalogDirectory: String
    var brokers: String

    /// The catalog's specs, with replication capped to the cluster's broker count (a one-node
    /// development broker cannot hold a production replication factor of 3).
    func specs(admin: KafkaAdmin) async throws -> (specs: [TopicSpec], brokers: Int) {
        let prefix = catalogDirectory.hasSuffix("/") ? catalogDirectory : catalogDirectory + "/"
        let catalog = try TopicCatalog.load(directory: URL(fileURLWithPath: catalogDirectory, isDirectory: true), displayPrefix: prefix)
        let brokerCount = try await admin.brokerCount()
        return (catalog.topics.map { $0.spec.cappingReplication(toBrokerCount: brokerCount) }, brokerCount)
    }

    static func describe(_ spec: TopicSpec) -> String {
        let configs = spec.configs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "partitions=\(spec.partitions) rf=\(spec.replicationFactor) \(configs)"
    }

    static func brokersFromEnvironment(_ option: String?) throws -> String {
        if let option, !option.isEmpty { return option }
        guard let brokers = ProcessInfo.processInfo.environment["KAFKA_BROKERS"], !brokers.isEmpty else {
            throw ArgumentParser.ValidationError("KAFKA_BROKERS is not set: pass --brokers or source .data/stack.env")
        }
        return brokers
    }
}
