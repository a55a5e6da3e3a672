import Foundation
import Logging
import Tracing
import Synchronization

/// A `LogHandler` that writes one JSON object per line:
///
/// `{"timestamp":"2026-11-22T01:02:03.456Z","level":"info","label":"loanstream.projector","message":"…",
///   "trace_id":"…","span_id":"…","metadata":{…}}`
///
/// `trace_id`/`span_id` come from the `trace_id`/`span_id` metadata when present (e.g. read from an event's
/// metadata), otherwise from the ``TraceContext`` of the current task's `ServiceContext`; absent when
/// neither is known. Keys are sorted, so lines are stable for tests and diffing.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let sink: LogSink

    /// Creates a handler.
    ///
    /// - Parameters:
    ///   - label: The logger's label.
    ///   - sink: Where lines go. Default standard error.
    public init(label: String, sink: LogSink = .standardError) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        sink.write(Self.line(timestamp: Date(), level: event.level, label: label, message: event.message.description,
                             metadata: merged, error: event.error, trace: ServiceContext.current?.traceContext))
    }

    /// The JSON line for one event (without the newline).
    static func line(
        timestamp: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata,
        error: (any Error)? = nil, trace: TraceContext?
    ) -> String {
        var metadata = metadata
        var object: [String: Any] = [
            "timestamp": timestampStyle.format(timestamp),
            "level": level.rawValue, "label": label, "message": message,
        ]
        let traceID = metadata.removeValue(forKey: "trace_id").map(\.description) ?? trace?.traceID
        let spanID = metadata.removeValue(forKey: "span_id").map(\.description) ?? trace?.spanID
        if let traceID { object["trace_id"] = traceID }
        if let spanID { object["span_id"] = spanID }
        if !metadata.isEmpty { object["metadata"] = metadata.mapValues(Self.json) }
        if let error { object["error"] = String(reflecting: error) }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return #"{"level":"error","message":"unencodable log line"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(json)
        case .dictionary(let values): values.mapValues(json)
        }
    }
}

/// Where a ``JSONLogHandler`` writes its lines.
public struct LogSink: Sendable {
    let writeLine: @Sendable (String) -> Void

    /// Creates a sink from a closure receiving each line (without its newline).
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.writeLine = write
    }

    func write(_ line: String) { writeLine(line) }

    private static let standardErrorLock = Mutex(())

    /// Standard error, one whole line per write.
    public static let standardError = LogSink { line in
        standardErrorLock.withLock { _ in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }
}
