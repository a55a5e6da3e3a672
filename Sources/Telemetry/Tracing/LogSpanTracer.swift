import Logging
import Synchronization
import Tracing

/// A tracer that records finished spans as structured log lines (`span`, at debug level) with
/// their W3C ids, so a request's trace can be followed from the API through the relay into the
/// projector with nothing but the logs. OTLP export is not built; installing this tracer is what
/// `LOANSTREAM_TRACE_SPANS=log` does (``TracingSetup``). Propagation is ``TraceparentPropagation``'s.
public struct LogSpanTracer: Tracer {
    public typealias Span = LogSpan

    let logger: Logger
    private let propagation = TraceparentPropagation()

    public init(logger: Logger = Logger(label: "loanstream.trace")) {
        self.logger = logger
    }

    public func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> ServiceContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> LogSpan {
        var context = context()
        let parent = context.traceContext
        // A child of the caller's span, or the root of a new trace.
        context.traceContext = parent?.child() ?? TraceContext.random()
        return LogSpan(operationName: operationName, kind: kind, context: context, parentSpanID: parent?.spanID,
                       startNanoseconds: instant().nanosecondsSinceEpoch, logger: logger)
    }

    public func forceFlush() {}

    public func extract<Carrier, Extract>(_ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract)
    where Extract: Extractor, Extract.Carrier == Carrier {
        propagation.extract(carrier, into: &context, using: extractor)
    }

    public func inject<Carrier, Inject>(_ context: ServiceContext, into carrier: inout Carrier, using injector: Inject)
    where Inject: Injector, Inject.Carrier == Carrier {
        propagation.inject(context, into: &carrier, using: injector)
    }
}

/// A span of ``LogSpanTracer``: logged once, when it ends.
public final class LogSpan: Tracing.Span {
    private struct State {
        var operationName: String
        var attributes: SpanAttributes = [:]
        var status: SpanStatus?
        var errors: [String] = []
        var ended = false
    }

    public let context: ServiceContext
    let kind: SpanKind
    let parentSpanID: String?
    let startNanoseconds: UInt64
    let logger: Logger
    private let state: Mutex<State>

    init(operationName: String, kind: SpanKind, context: ServiceContext, parentSpanID: String?, startNanoseconds: UInt64,
         logger: Logger) {
        self.context = context
        self.kind = kind
        self.parentSpanID = parentSpanID
        self.startNanoseconds = startNanoseconds
        self.logger = logger
        state = Mutex(State(operationName: operationName))
    }

    /// Whether the span records anything: not once ended, and never when debug lines are not written (its only
    /// output is a debug line), so callers can skip building attributes nobody will see.
    public var isRecording: Bool { logger.logLevel <= .debug && !state.withLock(\.ended) }

    public var operationName: String {
        get { state.withLock(\.operationName) }
        set { state.withLock { $0.operationName = newValue } }
    }

    public var attributes: SpanAttributes {
        get { state.withLock(\.attributes) }
        set { state.withLock { $0.attributes = newValue } }
    }

    public func setStatus(_ status: SpanStatus) { state.withLock { $0.status = status } }
    public func addLink(_ link: SpanLink) {}
    public func addEvent(_ event: SpanEvent) {}

    public func recordError<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {
        state.withLock { $0.errors.append(String(describing: error)) }
    }

    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        let ended = state.withLock { state -> State? in
            guard !state.ended else { return nil }
            state.ended = true
            return state
        }
        // Nothing to build when debug lines are not written (the usual production level).
        guard let ended, logger.logLevel <= .debug else { return }
        let end = instant().nanosecondsSinceEpoch
        var metadata: Logger.Metadata = [
            "span": "\(ended.operationName)", "kind": "\(kind)",
            "trace_id": "\(context.traceContext?.traceID ?? "")", "span_id": "\(context.traceContext?.spanID ?? "")",
            "duration_ms": "\(Double(end &- startNanoseconds) / 1_000_000)",
        ]
        if let parentSpanID { metadata["parent_span_id"] = "\(parentSpanID)" }
        if let status = ended.status { metadata["status"] = "\(status.code)" }
        if !ended.errors.isEmpty { metadata["errors"] = "\(ended.errors.joined(separator: "; "))" }
        ended.attributes.forEach { name, attribute in metadata["attr." + name] = "\(Self.text(attribute))" }
        logger.debug("span", metadata: metadata)
    }

    /// An attribute's value as plain text (`read_models`, `42`), not the enum's debug form.
    static func text(_ attribute: SpanAttribute) -> String {
        switch attribute {
        case .string(let value): value
        case .int64(let value): String(value)
        case .int32(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): String(value)
        default: String(describing: attribute)
        }
    }
}
