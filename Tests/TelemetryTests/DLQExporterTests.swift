import Foundation
import Kafka
@testable import Telemetry
import Testing

@Suite("DLQ exporter (real broker)")
struct DLQExporterTests {
    @Test("K dead letters produce depth K by error class, a plausible oldest age, and the metrics")
    func depthByClass() async throws {
        MetricsSetup.bootstrap()
        let admin = try TelemetryTestSupport.admin()
        let topic = try await TelemetryTestSupport.createTopic("orders.dlq", partitions: 2, admin: admin)
        let startedAt = ContinuousClock.now
        // 5 poison messages: 3 schema errors on partition 0, 1 timeout on partition 1, 1 without a class header.
        try await TelemetryTestSupport.produce(3, to: topic, partition: 0) { index in
            [KafkaHeader(name: "dlq.error_class", string: "schema"), KafkaHeader(name: "dlq.original_offset", string: "\(index)")]
        }
        try await TelemetryTestSupport.produce(1, to: topic, partition: 1) { _ in [KafkaHeader(name: "dlq.error_class", string: "timeout")] }
        try await TelemetryTestSupport.produce(1, to: topic, partition: 1)
        try await Task.sleep(for: .seconds(1))

        let exporter = DLQExporter(topics: [topic], bootstrapServers: try TelemetryTestSupport.brokers(), admin: admin,
                                   publishInterval: .milliseconds(200))
        let snapshot = try await withThrowingTaskGroup(of: DLQSnapshot?.self) { group in
            group.addTask {
                try await exporter.run()
                return nil
            }
            group.addTask {
                let deadline = ContinuousClock.now + .seconds(30)
                while ContinuousClock.now < deadline {
                    let snapshot = exporter.snapshot()
                    if snapshot.rows.map(\.depth).reduce(0, +) >= 5 { return snapshot }
                    try await Task.sleep(for: .milliseconds(100))
                }
                return exporter.snapshot()
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            return exporter.snapshot()
        }
        let elapsed = Double((ContinuousClock.now - startedAt).components.seconds) + 1

        #expect(snapshot.row(topic: topic, errorClass: "schema")?.depth == 3)
        #expect(snapshot.row(topic: topic, errorClass: "timeout")?.depth == 1)
        #expect(snapshot.row(topic: topic, errorClass: "unknown")?.depth == 1)
        #expect(snapshot.rows.count == 3)
        let age = try #require(snapshot.row(topic: topic, errorClass: "schema")?.oldestAgeSeconds)
        #expect(age >= 0.9 && age <= elapsed + 1, "oldest schema dead letter is \(age) s old; the test ran \(elapsed) s")

        let text = MetricsSetup.render()
        let depth = PrometheusText.samples(text, name: "loanstream_dlq_depth", label: ("topic", topic))
        #expect(depth.first { $0.labels["error_class"] == "schema" }?.value == 3)
        let total = PrometheusText.samples(text, name: "loanstream_dlq_messages_total", label: ("topic", topic))
        #expect(total.first { $0.labels["error_class"] == "schema" }?.value == 3)
        #expect(!PrometheusText.samples(text, name: "loanstream_dlq_oldest_age_seconds", label: ("topic", topic)).isEmpty)
    }
}

@Suite("DLQ ledger")
struct DLQLedgerTests {
    static func message(_ topic: String, _ partition: Int32, _ offset: Int64, _ errorClass: String?, at time: Int64) -> KafkaMessage {
        KafkaMessage(topic: topic, partition: partition, offset: offset, key: nil, value: [1],
                     headers: errorClass.map { [KafkaHeader(name: "dlq.error_class", string: $0)] } ?? [],
                     timestampMilliseconds: time)
    }

    @Test("messages delivered twice count once; retention trims depth and moves the oldest age")
    func dedupeAndTrim() {
        var ledger = DLQLedger()
        let first = ledger.record([Self.message("d", 0, 0, "schema", at: 1_000), Self.message("d", 0, 1, "schema", at: 2_000),
                                   Self.message("d", 1, 0, nil, at: 1_500)])
        #expect(first[DLQClassKey(topic: "d", errorClass: "schema")] == 2)
        let again = ledger.record([Self.message("d", 0, 1, "schema", at: 2_000), Self.message("d", 0, 2, "timeout", at: 3_000)])
        #expect(again == [DLQClassKey(topic: "d", errorClass: "timeout"): 1])
        #expect(ledger.nextOffsets[KafkaTopicPartition(topic: "d", partition: 0)] == 3)
        #expect(ledger.rows().map { "\($0.errorClass)=\($0.depth)@\($0.oldestTimestampMilliseconds ?? -1)" }
                == ["schema=2@1000", "timeout=1@3000", "unknown=1@1500"])
        ledger.trim(lowWatermarks: [KafkaTopicPartition(topic: "d", partition: 0): 1])
        #expect(ledger.rows().map { "\($0.errorClass)=\($0.depth)@\($0.oldestTimestampMilliseconds ?? -1)" }
                == ["schema=1@2000", "timeout=1@3000", "unknown=1@1500"])
    }
}

@Suite("DLQ exporter picks up late topics (real broker)")
struct DLQLateTopicTests {
    @Test("a DLQ topic created after the exporter started is watched from its beginning")
    func lateTopic() async throws {
        let admin = try TelemetryTestSupport.admin()
        let topic = TelemetryTestSupport.uniqueName("late.dlq")
        let exporter = DLQExporter(topics: [topic], bootstrapServers: try TelemetryTestSupport.brokers(), admin: admin,
                                   publishInterval: .milliseconds(300))
        let depth = try await withThrowingTaskGroup(of: Int?.self) { group in
            group.addTask {
                try await exporter.run()
                return nil
            }
            group.addTask {
                try await Task.sleep(for: .seconds(1))
                #expect(exporter.snapshot().rows.isEmpty)
                _ = try await admin.createTopics([TopicSpec(name: topic, partitions: 1, replicationFactor: 1)])
                try await TelemetryTestSupport.produce(2, to: topic) { _ in [KafkaHeader(name: "dlq.error_class", string: "poison")] }
                let deadline = ContinuousClock.now + .seconds(30)
                while ContinuousClock.now < deadline {
                    if let row = exporter.snapshot().row(topic: topic, errorClass: "poison"), row.depth >= 2 { return row.depth }
                    try await Task.sleep(for: .milliseconds(100))
                }
                return exporter.snapshot().row(topic: topic, errorClass: "poison")?.depth ?? 0
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            return 0
        }
        #expect(depth == 2)
    }
}
