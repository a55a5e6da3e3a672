import Metrics

/// The projector's metrics (no-ops unless a metrics backend such as Telemetry's is bootstrapped).
struct ProjectorMetrics: Sendable {
    let projector: String
    let applied: Counter
    let duplicate: Counter
    let parked: Counter
    let waiting: Counter
    let batch: Timer
    let parkedStreams: Gauge

    init(projector: String) {
        self.projector = projector
        func events(_ outcome: String) -> Counter {
            Counter(label: "loanstream_projector_events_total", dimensions: [("projector", projector), ("outcome", outcome)])
        }
        applied = events("applied")
        duplicate = events("duplicate")
        parked = events("parked")
        waiting = events("waiting")
        batch = Timer(label: "loanstream_projector_batch_seconds", dimensions: [("projector", projector)],
                              preferredDisplayUnit: .seconds)
        parkedStreams = Gauge(label: "loanstream_projector_parked_streams", dimensions: [("projector", projector)])
    }

    func deadLettered(_ errorClass: String) {
        Counter(label: "loanstream_projector_dlq_total", dimensions: [("projector", projector), ("error_class", errorClass)])
            .increment()
    }
}
