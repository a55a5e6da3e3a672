import Foundation
import LoanStreamTestSupport
import Telemetry
import Testing

@Suite("Grafana dashboard and Prometheus alert rules")
struct MonitoringAssetsTests {
    static let monitoring = RepositoryContracts.root.appendingPathComponent("monitoring")

    /// Metric names in a PromQL expression (functions, label names and keywords are not followed by `{` or
    /// `[` or used as a bare series; we pick tokens with our known prefixes).
    static func metricNames(in expression: String) throws -> Set<String> {
        let pattern = try NSRegularExpression(pattern: "\\b(kafka_[a-z0-9_]+|loanstream_[a-z0-9_]+|http_server_[a-z0-9_]+)\\b")
        let range = NSRange(expression.startIndex..., in: expression)
        return Set(pattern.matches(in: expression, range: range).compactMap { match in
            Range(match.range(at: 1), in: expression).map { String(expression[$0]) }
        }.map { name in
            for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) && !MetricCatalog.all.contains(name) {
                return String(name.dropLast(suffix.count))
            }
            return name
        })
    }

    @Test("the dashboard is valid JSON whose panels only query metrics we export, covering lag, DLQ, outbox, relay, projector and HTTP")
    func dashboard() throws {
        let data = try Data(contentsOf: Self.monitoring.appendingPathComponent("grafana/loanstream.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        var used: Set<String> = []
        for panel in panels {
            let targets = try #require(panel["targets"] as? [[String: Any]], "panel \(panel["title"] ?? "?")")
            for target in targets {
                let expression = try #require(target["expr"] as? String)
                let names = try Self.metricNames(in: expression)
                #expect(!names.isEmpty, "\(expression) queries no LoanStream metric")
                used.formUnion(names)
            }
        }
        #expect(used.subtracting(MetricCatalog.all).isEmpty, "unknown metrics: \(used.subtracting(MetricCatalog.all))")
        for required in ["kafka_consumergroup_group_lag", "kafka_consumergroup_group_max_lag_seconds", "loanstream_dlq_depth",
                         "loanstream_outbox_backlog_rows", "loanstream_outbox_oldest_age_seconds", "loanstream_relay_published_total",
                         "loanstream_projector_events_total", "loanstream_projector_batch_seconds", MetricNames.httpLatency] {
            #expect(used.contains(required), "the dashboard shows \(required)")
        }
    }

    @Test("the alert rules parse, only use exported metrics, and cover lag growth, lag seconds, DLQ and outbox age")
    func alerts() throws {
        let text = try String(contentsOf: Self.monitoring.appendingPathComponent("prometheus/alerts.yml"), encoding: .utf8)
        // JSON-compatible YAML: the comment lines aside, the document is JSON.
        let json = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let groups = try #require(document["groups"] as? [[String: Any]])
        var names: [String: String] = [:]
        for group in groups {
            #expect(group["name"] is String)
            for rule in try #require(group["rules"] as? [[String: Any]]) {
                let alert = try #require(rule["alert"] as? String)
                let expression = try #require(rule["expr"] as? String)
                let labels = try #require(rule["labels"] as? [String: String])
                #expect(["warning", "critical"].contains(labels["severity"] ?? ""), "\(alert) has a severity")
                #expect((rule["annotations"] as? [String: String])?["summary"] != nil, "\(alert) has a summary")
                let used = try Self.metricNames(in: expression)
                #expect(!used.isEmpty && used.isSubset(of: MetricCatalog.all), "\(alert): \(expression)")
                names[alert] = expression
            }
        }
        let expressions = names.values.joined(separator: "\n")
        #expect(expressions.contains("deriv(kafka_consumergroup_group_sum_lag"))
        #expect(expressions.contains("kafka_consumergroup_group_max_lag_seconds >"))
        #expect(expressions.contains("loanstream_dlq_depth > 0"))
        #expect(expressions.contains("increase(loanstream_dlq_messages_total"))
        #expect(expressions.contains("loanstream_outbox_oldest_age_seconds >"))
    }
}
