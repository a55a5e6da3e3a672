import Foundation
import Logging
import Synchronization

/// Chooses the process's log format and bootstraps swift-log with it, once.
public enum LoggingSetup {
    /// The log output format.
    public enum Format: String, Sendable {
        /// One JSON object per line (``JSONLogHandler``).
        case json
        /// swift-log's human-readable stream handler.
        case text
    }

    private static let done = Mutex(false)

    /// The format `LOANSTREAM_LOG_FORMAT` asks for (`json` or `text`); unset means `json` unless standard
    /// error is a terminal.
    ///
    /// - Parameter environment: The process environment.
    /// - Returns: The format.
    /// - Throws: ``TelemetryError`` naming the variable when it holds anything else.
    public static func format(environment: [String: String]) throws(TelemetryError) -> Format {
        guard let text = environment["LOANSTREAM_LOG_FORMAT"] else { return isatty(STDERR_FILENO) == 1 ? .text : .json }
        guard let format = Format(rawValue: text.lowercased()) else {
            throw TelemetryError(.configuration, "LOANSTREAM_LOG_FORMAT must be json or text, got \"\(text)\"")
        }
        return format
    }

    /// Bootstraps swift-log (only the first call has an effect). The level comes from `LOG_LEVEL`-style
    /// `LOANSTREAM_LOG_LEVEL` (trace…critical), default `info`.
    ///
    /// - Parameters:
    ///   - format: The output format.
    ///   - level: The minimum level.
    public static func bootstrap(format: Format, level: Logger.Level = .info) {
        guard done.withLock({ done in defer { done = true }; return !done }) else { return }
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = switch format {
            case .json: JSONLogHandler(label: label)
            case .text: StreamLogHandler.standardError(label: label)
            }
            handler.logLevel = level
            return handler
        }
    }

    /// Bootstraps logging, metrics and trace propagation from the environment: what every `loanstream`
    /// process command calls first. `LOANSTREAM_METRICS_BACKEND` is `prometheus` (default) or `none` (to
    /// measure the cost of metrics, or to run without them).
    ///
    /// - Parameter environment: The process environment.
    /// - Throws: ``TelemetryError`` naming a malformed `LOANSTREAM_LOG_*` variable.
    public static func bootstrapProcess(environment: [String: String]) throws(TelemetryError) {
        var level = Logger.Level.info
        if let text = environment["LOANSTREAM_LOG_LEVEL"] {
            guard let parsed = Logger.Level(rawValue: text.lowercased()) else {
                throw TelemetryError(.configuration, "LOANSTREAM_LOG_LEVEL must be trace, debug, info, notice, warning, error or critical, got \"\(text)\"")
            }
            level = parsed
        }
        bootstrap(format: try format(environment: environment), level: level)
        switch environment["LOANSTREAM_METRICS_BACKEND"]?.lowercased() ?? "prometheus" {
        case "prometheus": MetricsSetup.bootstrap()
        case "none": break  // swift-metrics stays a no-op; /metrics serves an empty page
        case let other:
            throw TelemetryError(.configuration, "LOANSTREAM_METRICS_BACKEND must be prometheus or none, got \"\(other)\"")
        }
        TracingSetup.bootstrap()
    }
}
