import Metrics
import Prometheus
import Synchronization

/// Installs the Prometheus backend of swift-metrics, once per process, and renders its text exposition.
///
/// Every module records through the swift-metrics API only (`Counter`, `Gauge`, `Timer`, …); without this
/// bootstrap those calls are no-ops. The names are passed through ``MetricNames/sanitize(_:_:)`` so that
/// Hummingbird's dotted names become Prometheus names (see ``MetricNames``).
public enum MetricsSetup {
    private static let installed = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Bootstraps swift-metrics with a `PrometheusMetricsFactory` the first time it is called; later calls
    /// return the same registry (tests and `loanstream all` may call it from several places).
    ///
    /// Must run before any metric is created, or those early metrics stay on the no-op backend.
    ///
    /// - Returns: The registry `/metrics` renders.
    @discardableResult
    public static func bootstrap() -> PrometheusCollectorRegistry {
        installed.withLock { current in
            if let current { return current }
            let registry = PrometheusCollectorRegistry()
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.nameAndLabelSanitizer = MetricNames.sanitize
            factory.defaultDurationHistogramBuckets = MetricNames.latencyBuckets
            MetricsSystem.bootstrap(factory)
            current = registry
            return registry
        }
    }

    /// The Prometheus text exposition (format 0.0.4) of every metric recorded so far; empty before
    /// ``bootstrap()``.
    public static func render() -> String {
        installed.withLock { $0?.emitToString() ?? "" }
    }
}
