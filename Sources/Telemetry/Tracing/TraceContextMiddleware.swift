import HTTPTypes
import Hummingbird
import Tracing

// "traceparent" is a valid field name, so the initialiser cannot fail.
private let traceparentField = HTTPField.Name(TraceparentPropagation.header)!

/// Makes an incoming request's W3C `traceparent` the current ``TraceContext`` while the request is handled,
/// so ``JSONLogHandler`` lines written meanwhile carry the caller's `trace_id`. A missing or malformed header
/// leaves the request without a trace context (commands then start a trace of their own).
public struct TraceContextMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let value = request.headers[traceparentField], let trace = try? TraceContext(parsing: value) else {
            return try await next(request, context)
        }
        return try await trace.withAsCurrent { try await next(request, context) }
    }
}

extension TraceContext {
    /// The trace context of the current task, if any (set by `withAsCurrent` or ``TraceContextMiddleware``).
    public static var current: TraceContext? { ServiceContext.current?.traceContext }
}
