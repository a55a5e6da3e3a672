import Telemetry
import Testing

@Suite("Exporter and operations settings")
struct SettingsTests {
    @Test("LOANSTREAM_EXPORTER_* are read, and a bad value names its variable")
    func exporterSettings() throws {
        let settings = try LagExporterSettings(environment: [
            "LOANSTREAM_EXPORTER_CLUSTER_NAME": "prod", "LOANSTREAM_EXPORTER_INTERVAL_SECONDS": "30",
            "LOANSTREAM_EXPORTER_GROUPS": "billing=lending.loan-events; audit = a,b",
            "LOANSTREAM_EXPORTER_PROBE_LOG_END": "false",
        ])
        #expect(settings.clusterName == "prod")
        #expect(settings.interval == .seconds(30))
        #expect(settings.groups == [WatchedGroup(group: "billing", topics: ["lending.loan-events"]),
                                    WatchedGroup(group: "audit", topics: ["a", "b"])])
        #expect(!settings.probeLogEnd)
        #expect(LagExporterSettings().clusterName == "local")
        for (variable, value) in [("LOANSTREAM_EXPORTER_INTERVAL_SECONDS", "0"), ("LOANSTREAM_EXPORTER_GROUPS", "nogroup"),
                                  ("LOANSTREAM_EXPORTER_PROBE_LOG_END", "maybe")] {
            let error = #expect(throws: TelemetryError.self) { try LagExporterSettings(environment: [variable: value]) }
            #expect(error?.reason.contains(variable) == true)
        }
    }

    @Test("LOANSTREAM_METRICS_HOST/PORT default to 127.0.0.1:9464 and refuse a bad port by name")
    func operationsSettings() throws {
        #expect(try OperationsSettings(environment: [:]) == OperationsSettings())
        #expect(OperationsSettings().port == 9464)
        #expect(try OperationsSettings(environment: ["LOANSTREAM_METRICS_PORT": "9500"]).port == 9500)
        let error = #expect(throws: TelemetryError.self) { try OperationsSettings(environment: ["LOANSTREAM_METRICS_PORT": "http"]) }
        #expect(error?.reason.contains("LOANSTREAM_METRICS_PORT") == true)
    }

    @Test("dotted third-party metric names become Prometheus names")
    func sanitizer() {
        let (name, labels) = MetricNames.sanitize("http.server.request.duration", [("http.route", "/v1/loans")])
        #expect(name == "http_server_request_duration_seconds")
        #expect(labels.map(\.0) == ["http_route"])
        #expect(MetricNames.sanitize("some.lib-metric", []).0 == "some_lib_metric")
    }
}
