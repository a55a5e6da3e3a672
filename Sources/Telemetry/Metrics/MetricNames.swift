/// Metric naming: Prometheus-safe names, and the renaming of third-party metrics.
///
/// Hummingbird's `MetricsMiddleware` records `http.server.request.duration` (a `Timer`), `hb.requests`,
/// `hb.request.errors` and `http.server.active_requests`, with OpenTelemetry-style dotted labels. They are
/// exported as `http_server_request_duration_seconds` (histogram, seconds, labels `http_route`,
/// `http_request_method`, `http_response_status_code`), `loanstream_http_requests_total`,
/// `loanstream_http_request_errors_total` and `loanstream_http_active_requests`.
public enum MetricNames {
    /// The Prometheus name of the HTTP latency histogram.
    public static let httpLatency = "http_server_request_duration_seconds"

    static let renamed: [String: String] = [
        "http.server.request.duration": httpLatency,
        "hb.requests": "loanstream_http_requests_total",
        "hb.request.errors": "loanstream_http_request_errors_total",
        "http.server.active_requests": "loanstream_http_active_requests",
    ]

    /// Histogram buckets for latencies (`Timer`s): 1 ms to 10 s.
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10),
    ]

    /// Maps a swift-metrics label and dimensions to a Prometheus name and labels: known third-party names
    /// are renamed, and any character outside `[a-zA-Z0-9_]` becomes `_`.
    ///
    /// - Parameters:
    ///   - label: The swift-metrics label.
    ///   - dimensions: The swift-metrics dimensions.
    /// - Returns: The Prometheus metric name and labels.
    public static func sanitize(_ label: String, _ dimensions: [(String, String)]) -> (String, [(String, String)]) {
        (renamed[label] ?? promName(label), dimensions.map { (promName($0.0), $0.1) })
    }

    /// `name` with every character outside `[a-zA-Z0-9_]` replaced by `_` (and a leading digit prefixed).
    static func promName(_ name: String) -> String {
        var result = String(name.unicodeScalars.map { scalar -> Character in
            let ok = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
            return ok ? Character(scalar) : "_"
        })
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) { result = "_" + result }
        return result
    }
}
