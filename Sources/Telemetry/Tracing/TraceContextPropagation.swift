import Foundation
import Tracing

/// The ``TraceContext`` carried in a `ServiceContext`.
public enum TraceContextKey: ServiceContextKey {
    public typealias Value = TraceContext
    public static var nameOverride: String? { "traceparent" }
}

extension ServiceContext {
    /// The W3C trace context this task works within, if any.
    public var traceContext: TraceContext? {
        get { self[TraceContextKey.self] }
        set { self[TraceContextKey.self] = newValue }
    }
}

extension TraceContext {
    /// Runs `body` with this trace as the current task's trace context (so ``JSONLogHandler`` lines and
    /// injected headers carry it).
    ///
    /// - Parameter body: The work to run.
    /// - Returns: What `body` returned.
    public func withAsCurrent<T>(_ body: () throws -> T) rethrows -> T {
        var context = ServiceContext.current ?? .topLevel
        context.traceContext = self
        return try ServiceContext.withValue(context, operation: body)
    }

    /// Runs async `body` with this trace as the current task's trace context.
    ///
    /// - Parameter body: The work to run.
    /// - Returns: What `body` returned.
    public func withAsCurrent<T>(_ body: () async throws -> T) async rethrows -> T {
        var context = ServiceContext.current ?? .topLevel
        context.traceContext = self
        return try await ServiceContext.withValue(context, operation: body)
    }
}

/// A swift-distributed-tracing `Instrument` that extracts and injects W3C `traceparent` headers (HTTP
/// requests, Kafka event headers), so a trace continues from the API through the outbox into the
/// projector. It records no spans and exports nothing (OTLP export is not built in); the trace id reaches
/// the JSON log lines through ``JSONLogHandler``.
public struct TraceparentPropagation: Instrument {
    /// The header name.
    public static let header = "traceparent"

    /// Creates the instrument.
    public init() {}

    public func extract<Carrier, Extract>(_ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract)
    where Extract: Extractor, Extract.Carrier == Carrier {
        guard let value = extractor.extract(key: Self.header, from: carrier),
              let parsed = try? TraceContext(parsing: value) else { return }
        context.traceContext = parsed
    }

    public func inject<Carrier, Inject>(_ context: ServiceContext, into carrier: inout Carrier, using injector: Inject)
    where Inject: Injector, Inject.Carrier == Carrier {
        guard let trace = context.traceContext else { return }
        injector.inject(trace.traceparent, forKey: Self.header, into: &carrier)
    }
}

/// Installs the process's tracer once: ``LogSpanTracer`` (spans as debug log lines, W3C
/// propagation) unless `LOANSTREAM_TRACE_SPANS=none`, which keeps propagation only.
public enum TracingSetup {
    private static let once: Void = {
        let spans = ProcessInfo.processInfo.environment["LOANSTREAM_TRACE_SPANS"] ?? "log"
        if spans == "none" {
            InstrumentationSystem.bootstrap(TraceparentPropagation())
        } else {
            InstrumentationSystem.bootstrap(LogSpanTracer())
        }
    }()

    /// Bootstraps `InstrumentationSystem` (later calls do nothing).
    public static func bootstrap() { once }
}
