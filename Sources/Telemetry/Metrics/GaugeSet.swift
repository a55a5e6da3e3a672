import Metrics
import Synchronization

/// Gauges whose label sets come and go (one per group/topic/partition): each poll sets the series it
/// saw, then ``finishPoll()`` destroys the ones it did not, so a partition that stopped being reported
/// (e.g. a group that lost its commits) disappears from `/metrics` instead of freezing at its last value.
final class GaugeSet: Sendable {
    private struct Key: Hashable {
        var name: String
        var labels: [String]
    }

    private struct State {
        var gauges: [Key: Gauge] = [:]
        var touched: Set<Key> = []
    }

    private let state = Mutex(State())

    /// Sets the gauge `name` with `labels` (kept in the given order) to `value`.
    func set(_ name: String, _ labels: [(String, String)], _ value: Double) {
        let key = Key(name: name, labels: labels.flatMap { [$0.0, $0.1] })
        let gauge = state.withLock { state in
            state.touched.insert(key)
            if let gauge = state.gauges[key] { return gauge }
            let gauge = Gauge(label: name, dimensions: labels)
            state.gauges[key] = gauge
            return gauge
        }
        gauge.record(value)
    }

    /// Destroys every gauge not set since the previous call, and starts a new poll.
    func finishPoll() {
        let stale = state.withLock { state in
            let stale = state.gauges.filter { !state.touched.contains($0.key) }
            for key in stale.keys { state.gauges[key] = nil }
            state.touched = []
            return Array(stale.values)
        }
        for gauge in stale { gauge.destroy() }
    }
}
