import Foundation
import Kafka
import Telemetry
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
