/// Every metric name a LoanStream process exports, for the dashboard and alert-rule checks.
///
/// Histograms are listed by their base name (Prometheus adds `_bucket`, `_sum` and `_count`).
public enum MetricCatalog {
    /// Exported by ``LagExporter`` (kafka-lag-exporter's names plus ours).
    public static let lag: Set<String> = [
        "kafka_consumergroup_group_offset", "kafka_consumergroup_group_lag", "kafka_consumergroup_group_lag_seconds",
        "kafka_consumergroup_group_max_lag", "kafka_consumergroup_group_max_lag_seconds", "kafka_consumergroup_group_sum_lag",
        "kafka_consumergroup_group_topic_sum_lag", "kafka_partition_latest_offset", "kafka_partition_earliest_offset",
        "loanstream_consumergroup_uncommitted", "loanstream_consumergroup_committed_offset",
        "loanstream_exporter_poll_errors_total",
    ]

    /// Exported by ``DLQExporter``.
    public static let dlq: Set<String> = [
        "loanstream_dlq_depth", "loanstream_dlq_messages_total", "loanstream_dlq_oldest_age_seconds",
    ]

    /// Recorded by the HTTP API through Hummingbird's `MetricsMiddleware`, renamed by ``MetricNames``.
    public static let http: Set<String> = [
        MetricNames.httpLatency, "loanstream_http_requests_total", "loanstream_http_request_errors_total",
        "loanstream_http_active_requests",
    ]

    /// Recorded by the relay and the projector framework (their modules own them).
    public static let pipeline: Set<String> = [
        "loanstream_outbox_backlog_rows", "loanstream_outbox_oldest_age_seconds", "loanstream_relay_published_total",
        "loanstream_relay_errors_total", "loanstream_relay_parked_rows", "loanstream_projector_events_total",
        "loanstream_projector_batch_seconds", "loanstream_projector_parked_streams", "loanstream_projector_dlq_total",
    ]

    /// All of the above.
    public static var all: Set<String> { lag.union(dlq).union(http).union(pipeline) }
}
