/// Settings of the ``LagExporter``.
public struct LagExporterSettings: Sendable {
    /// The `cluster_name` label (`LOANSTREAM_EXPORTER_CLUSTER_NAME`). Default `"local"`.
    public var clusterName: String = "local"
    /// Time between two polls (`LOANSTREAM_EXPORTER_INTERVAL_SECONDS`). Default 15 s.
    public var interval: Duration = .seconds(15)
    /// Kafka consumer groups to report, with their topics (`LOANSTREAM_EXPORTER_GROUPS`, format
    /// `group=topic,topic;group=topic`). Default none. Projector groups (`loanstream.<projector>`) found in
    /// `projection_checkpoint` are added automatically.
    public var groups: [WatchedGroup] = []
    /// Whether to correct the broker's reported high watermark by reading the partition's last record
    /// batch (`LOANSTREAM_EXPORTER_PROBE_LOG_END`, `true`/`false`). Default `true`: Tansu reports the base
    /// offset of the last batch + 1, which under-reports lag; on Apache Kafka it can be turned off.
    public var probeLogEnd: Bool = true
    /// How long one probe read (log end, or the timestamp of the first unconsumed message) may take. Default 5 s.
    public var probeTimeout: Duration = .seconds(5)

    /// Creates settings with the documented defaults.
    public init() {}

    /// Reads the `LOANSTREAM_EXPORTER_*` variables, keeping the defaults for unset ones.
    ///
    /// - Parameter environment: The process environment.
    /// - Throws: ``TelemetryError`` naming the variable that is malformed.
    public init(environment: [String: String]) throws(TelemetryError) {
        if let name = environment["LOANSTREAM_EXPORTER_CLUSTER_NAME"] {
            guard !name.isEmpty else { throw TelemetryError(.configuration, "LOANSTREAM_EXPORTER_CLUSTER_NAME must not be empty") }
            clusterName = name
        }
        if let text = environment["LOANSTREAM_EXPORTER_INTERVAL_SECONDS"] {
            guard let seconds = Int(text), (1...3600).contains(seconds) else {
                throw TelemetryError(.configuration, "LOANSTREAM_EXPORTER_INTERVAL_SECONDS must be 1…3600 seconds, got \"\(text)\"")
            }
            interval = .seconds(seconds)
        }
        if let text = environment["LOANSTREAM_EXPORTER_GROUPS"] {
            groups = try WatchedGroup.parseList(text, variable: "LOANSTREAM_EXPORTER_GROUPS")
        }
        if let text = environment["LOANSTREAM_EXPORTER_PROBE_LOG_END"] {
            switch text.lowercased() {
            case "true", "1", "yes": probeLogEnd = true
            case "false", "0", "no": probeLogEnd = false
            default: throw TelemetryError(.configuration, "LOANSTREAM_EXPORTER_PROBE_LOG_END must be true or false, got \"\(text)\"")
            }
        }
    }
}
