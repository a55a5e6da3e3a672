import Kafka
import Testing

@Suite("Topic plan (no broker)")
struct TopicPlanTests {
    private static func description(_ name: String, partitions: Int, replicas: Int) -> KafkaTopicDescription {
        KafkaTopicDescription(name: name, partitions: (0..<partitions).map {
            .init(id: Int32($0), leader: 1, replicas: Array(1...Int32(replicas)), inSyncReplicas: Array(1...Int32(replicas)))
        })
    }

    @Test("missing topics are created, matching ones left alone, and every difference is listed")
    func diff() {
        let specs = [
            TopicSpec(name: "lending.loan-events", partitions: 12, replicationFactor: 3,
                      configs: ["cleanup.policy": "delete", "min.insync.replicas": "2"]),
            TopicSpec(name: "lending.borrower-events", partitions: 6, replicationFactor: 3),
            TopicSpec(name: "lending.loan-events.dlq", partitions: 1, replicationFactor: 3),
        ]
        let existing = [
            "lending.loan-events": Self.description("lending.loan-events", partitions: 6, replicas: 3),
            "lending.borrower-events": Self.description("lending.borrower-events", partitions: 6, replicas: 3),
        ]
        let configs = ["lending.loan-events": ["cleanup.policy": "compact", "retention.ms": "1"]]
        let plan = TopicPlan.diff(desired: specs, existing: existing, configs: configs)
        #expect(plan.entries.map(\.change) == [
            .differs([
                .partitions(desired: 12, actual: 6),
                .config(name: "cleanup.policy", desired: "delete", actual: "compact"),
                .config(name: "min.insync.replicas", desired: "2", actual: nil),
            ]),
            .unchanged,
            .create,
        ])
    }

    @Test("capping to a one-broker cluster lowers replication and min.insync.replicas together")
    func capping() {
        let spec = TopicSpec(name: "t", partitions: 3, replicationFactor: 3, configs: ["min.insync.replicas": "2"])
        let capped = spec.cappingReplication(toBrokerCount: 1)
        #expect(capped.replicationFactor == 1)
        #expect(capped.configs["min.insync.replicas"] == "1")
        #expect(spec.cappingReplication(toBrokerCount: 5) == spec)
    }

    @Test("the librdkafka version is the one built for the project (≥ 2.3, which current brokers need)")
    func librdkafkaVersion() throws {
        let parts = Kafka.librdkafkaVersion.split(separator: ".").compactMap { Int($0) }
        try #require(parts.count >= 2, "unparseable version \(Kafka.librdkafkaVersion)")
        #expect(parts[0] > 2 || (parts[0] == 2 && parts[1] >= 3))
        #expect(Librdkafka.isSupported)
    }
}
