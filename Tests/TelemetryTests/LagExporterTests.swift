import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
import Telemetry
import Testing

@Suite("Consumer lag exporter (real broker)", .serialized)
struct LagExporterTests {
    @Test("produce N, a group consumes and commits M: lag N - M, lag seconds about the age of message M")
    func lagOfACommittedGroup() async throws {
        let admin = try TelemetryTestSupport.admin()
        let topic = try await TelemetryTestSupport.createTopic("lag", partitions: 2, admin: admin)
        let producedAt = TelemetryTestSupport.nowMilliseconds()
        try await TelemetryTestSupport.produce(10, to: topic)
        try await Task.sleep(for: .seconds(2))  // so the unconsumed messages are measurably old
        let group = TelemetryTestSupport.uniqueName("group")
        try await TelemetryTestSupport.consumeAndCommit(group: group, topic: topic, read: 10, commit: 4)

        let settings = TelemetryTestSupport.lagSettings([WatchedGroup(group: group, topics: [topic])])
        let exporter = try LagExporter(settings: settings, bootstrapServers: try TelemetryTestSupport.brokers(), admin: admin, postgres: nil)
        let snapshot = try await exporter.poll()
        let polledAt = TelemetryTestSupport.nowMilliseconds()

        let row = try #require(snapshot.row(group: group, topic: topic, partition: 0))
        #expect(row.logEnd == 10, "the true log end despite Tansu's under-reported high watermark")
        #expect(row.committed == 4)
        #expect(row.source == .kafka)
        #expect(row.lag == 6)
        let seconds = try #require(row.lagSeconds)
        #expect(seconds >= 2.0, "message 4 was produced at least 2 s before the poll: \(seconds)")
        #expect(seconds <= Double(polledAt - producedAt) / 1000 + 1, "not older than the test: \(seconds)")

        let empty = try #require(snapshot.row(group: group, topic: topic, partition: 1))
        #expect(empty.committed == nil, "partition 1 was never committed")
        #expect(empty.lag == nil)
        #expect(snapshot.watermarks[KafkaTopicPartition(topic: topic, partition: 0)] == KafkaWatermarks(low: 0, high: 10))
    }

    @Test("an idle, caught-up partition reports lag 0 and 0 seconds, however old its last message")
    func idleCaughtUp() async throws {
        let admin = try TelemetryTestSupport.admin()
        let topic = try await TelemetryTestSupport.createTopic("idle", partitions: 1, admin: admin)
        try await TelemetryTestSupport.produce(5, to: topic)
        let group = TelemetryTestSupport.uniqueName("group")
        try await TelemetryTestSupport.consumeAndCommit(group: group, topic: topic, read: 5, commit: 5)
        try await Task.sleep(for: .seconds(2))

        let settings = TelemetryTestSupport.lagSettings([WatchedGroup(group: group, topics: [topic])])
        let exporter = try LagExporter(settings: settings, bootstrapServers: try TelemetryTestSupport.brokers(), admin: admin, postgres: nil)
        for _ in 0..<2 {
            let row = try #require(try await exporter.poll().row(group: group, topic: topic, partition: 0))
            #expect(row.lag == 0)
            #expect(row.lagSeconds == 0)
        }
    }

    @Test("a group that never committed is reported as uncommitted, with no lag series in /metrics")
    func neverCommitted() async throws {
        let admin = try TelemetryTestSupport.admin()
        let topic = try await TelemetryTestSupport.createTopic("uncommitted", partitions: 1, admin: admin)
        try await TelemetryTestSupport.produce(3, to: topic)
        let group = TelemetryTestSupport.uniqueName("never")

        MetricsSetup.bootstrap()
        let settings = TelemetryTestSupport.lagSettings([WatchedGroup(group: group, topics: [topic])])
        let exporter = try LagExporter(settings: settings, bootstrapServers: try TelemetryTestSupport.brokers(), admin: admin, postgres: nil)
        let row = try #require(try await exporter.poll().row(group: group, topic: topic, partition: 0))
        #expect(row.committed == nil)
        #expect(row.lag == nil)
        #expect(row.lagSeconds == nil)

        let text = MetricsSetup.render()
        let uncommitted = PrometheusText.samples(text, name: "loanstream_consumergroup_uncommitted", label: ("group", group))
        #expect(uncommitted.map(\.value) == [1])
        #expect(PrometheusText.samples(text, name: "kafka_consumergroup_group_lag", label: ("group", group)).isEmpty)
        #expect(PrometheusText.samples(text, name: "kafka_consumergroup_group_offset", label: ("group", group)).isEmpty)
    }

    @Test("projection_checkpoint rows are exported as the projector group's offsets (source postgres)")
    func checkpointsAsGroupOffsets() async throws {
        let admin = try TelemetryTestSupport.admin()
        let topic = try await TelemetryTestSupport.createTopic("checkpoint", partitions: 1, admin: admin)
        try await TelemetryTestSupport.produce(8, to: topic)
        let projector = "telemetry_test_\(UInt32.random(in: 0...UInt32.max))"
        try await ScratchDatabase.migrated { client in
            try await client.query("""
                INSERT INTO projection_checkpoint (projector, topic, partition, next_offset, updated_at)
                VALUES (\(projector), \(topic), 0, 3, now())
                """)
            let settings = TelemetryTestSupport.lagSettings([])
            let exporter = try LagExporter(
                settings: settings, bootstrapServers: try TelemetryTestSupport.brokers(), admin: admin, postgres: client)
            let row = try #require(try await exporter.poll().row(group: "loanstream." + projector, topic: topic, partition: 0))
            #expect(row.committed == 3)
            #expect(row.source == .postgres)
            #expect(row.offsetsBySource == [.postgres: 3], "the projector never committed to Kafka")
            #expect(row.lag == 5)
            #expect((row.lagSeconds ?? -1) >= 0)
        }
    }
}
