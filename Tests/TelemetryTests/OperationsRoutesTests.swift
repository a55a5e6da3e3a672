import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Kafka
import Telemetry
import Testing

@Suite("/metrics, /healthz and /readyz")
struct OperationsRoutesTests {
    static func app(_ checks: [ReadinessCheck]) -> some ApplicationProtocol {
        Application(router: OperationsServer(settings: OperationsSettings(), checks: checks).router())
    }

    @Test("/healthz answers 200 alive")
    func healthz() async throws {
        try await Self.app([]).test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == #"{"status":"alive"}"#)
        }
    }

    @Test("/readyz answers 503 naming the failing check, and 200 when every check passes")
    func readyz() async throws {
        let failing = [
            ReadinessCheck("postgres") {},
            ReadinessCheck("kafka") { throw ReadinessFailure("broker unreachable") },
        ]
        try await Self.app(failing).test(.router) { client in
            let response = try await client.execute(uri: "/readyz", method: .get)
            #expect(response.status == .serviceUnavailable)
            let body = try #require(JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
            #expect(body["status"] as? String == "not_ready")
            let checks = try #require(body["checks"] as? [[String: Any]])
            #expect(checks.map { $0["name"] as? String } == ["postgres", "kafka"])
            #expect(checks.map { $0["ok"] as? Bool } == [true, false])
            #expect(checks[1]["error"] as? String == "broker unreachable")
        }
        try await Self.app([ReadinessCheck("postgres") {}]).test(.router) { client in
            let response = try await client.execute(uri: "/readyz", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains(#""status":"ready""#))
        }
    }

    @Test("/readyz fails a check that hangs instead of hanging itself")
    func readyzTimeout() async throws {
        // The check would take 5 minutes; /readyz gives up after its 3 s timeout. The bound is loose because
        // a loaded machine (the whole suite plus builds on 2 cores) delays timers by many seconds.
        let slow = ReadinessCheck("slow") { try await Task.sleep(for: .seconds(300)) }
        try await Self.app([slow]).test(.router) { client in
            let started = ContinuousClock.now
            let response = try await client.execute(uri: "/readyz", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(String(buffer: response.body).contains("no answer within"))
            #expect(ContinuousClock.now - started < .seconds(100))
        }
    }

    @Test("the Kafka readiness check passes against the running broker")
    func kafkaCheck() async throws {
        let report = await ReadinessReport.run([.kafka(try TelemetryTestSupport.admin())], timeout: .seconds(20))
        #expect(report.isReady, "\(report)")
    }

    @Test("/metrics serves kafka-lag-exporter's names with cluster_name, group, topic and partition labels")
    func metricsNamesAndLabels() async throws {
        MetricsSetup.bootstrap()
        let admin = try TelemetryTestSupport.admin()
        let topic = try await TelemetryTestSupport.createTopic("metrics", partitions: 1, admin: admin)
        try await TelemetryTestSupport.produce(6, to: topic)
        let group = TelemetryTestSupport.uniqueName("group")
        try await TelemetryTestSupport.consumeAndCommit(group: group, topic: topic, read: 6, commit: 2)
        let settings = TelemetryTestSupport.lagSettings([WatchedGroup(group: group, topics: [topic])])
        let exporter = try LagExporter(settings: settings, bootstrapServers: try TelemetryTestSupport.brokers(), admin: admin, postgres: nil)
        _ = try await exporter.poll()

        try await Self.app([]).test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(buffer: response.body)
            let partitionLabels = ["cluster_name": settings.clusterName, "group": group, "topic": topic, "partition": "0"]
            let expected: [(String, [String: String], Double?)] = [
                ("kafka_consumergroup_group_offset", partitionLabels, 2),
                ("kafka_consumergroup_group_lag", partitionLabels, 4),
                ("kafka_consumergroup_group_lag_seconds", partitionLabels, nil),
                ("kafka_consumergroup_group_max_lag", ["cluster_name": settings.clusterName, "group": group], 4),
                ("kafka_consumergroup_group_max_lag_seconds", ["cluster_name": settings.clusterName, "group": group], nil),
                ("kafka_consumergroup_group_sum_lag", ["cluster_name": settings.clusterName, "group": group], 4),
                ("kafka_consumergroup_group_topic_sum_lag", ["cluster_name": settings.clusterName, "group": group, "topic": topic], 4),
                ("kafka_partition_latest_offset", ["cluster_name": settings.clusterName, "topic": topic, "partition": "0"], 6),
                ("kafka_partition_earliest_offset", ["cluster_name": settings.clusterName, "topic": topic, "partition": "0"], 0),
            ]
            for (name, labels, value) in expected {
                let samples = PrometheusText.samples(text, name: name, label: ("cluster_name", settings.clusterName))
                    .filter { $0.labels == labels }
                #expect(samples.count == 1, "\(name)\(labels) in /metrics")
                if let value { #expect(samples.first?.value == value, "\(name)") }
                #expect(text.contains("# TYPE \(name) gauge"))
            }
        }
    }
}

@Suite("traceparent of HTTP requests")
struct TraceContextMiddlewareTests {
    @Test("a request's traceparent is the current trace while it is handled; a malformed one is ignored")
    func middleware() async throws {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: TraceContextMiddleware())
        router.get("trace") { _, _ in TraceContext.current?.traceparent ?? "none" }
        try await Application(router: router).test(.router) { client in
            let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
            let traced = try await client.execute(uri: "/trace", method: .get, headers: [HTTPField.Name("traceparent")!: traceparent])
            #expect(String(buffer: traced.body) == traceparent)
            let malformed = try await client.execute(uri: "/trace", method: .get, headers: [HTTPField.Name("traceparent")!: "00-xyz"])
            #expect(String(buffer: malformed.body) == "none")
            let absent = try await client.execute(uri: "/trace", method: .get)
            #expect(String(buffer: absent.body) == "none")
        }
    }
}
