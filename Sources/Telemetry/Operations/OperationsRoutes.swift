import Hummingbird

/// The operational endpoints every LoanStream process serves.
///
/// - `GET /metrics`: Prometheus text exposition of ``MetricsSetup``'s registry.
/// - `GET /healthz`: 200 `{"status":"alive"}` as long as the process answers (liveness).
/// - `GET /readyz`: runs the ``ReadinessCheck``s; 200 with each result when all pass, 503 listing the
///   failures otherwise (JSON, see ``ReadinessReport``).
public struct OperationsRoutes<Context: RequestContext>: Sendable {
    /// The checks `/readyz` runs.
    public var checks: [ReadinessCheck]
    /// How long one readiness check may take before it counts as failed. Default 3 s.
    public var checkTimeout: Duration = .seconds(3)
    /// Whether to serve `/healthz` (the HTTP API has its own, documented in its OpenAPI document). Default `true`.
    public var servesHealthz = true

    /// Creates the routes.
    ///
    /// - Parameter checks: The checks `/readyz` runs.
    public init(checks: [ReadinessCheck]) {
        self.checks = checks
    }

    /// The routes, to add to a router with `router.addRoutes(_:)`.
    public func routes() -> RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        let checks = checks
        let timeout = checkTimeout
        routes.get("metrics") { _, _ in
            Self.response(.ok, MetricsSetup.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        if servesHealthz {
            routes.get("healthz") { _, _ in
                Self.response(.ok, #"{"status":"alive"}"#, contentType: "application/json")
            }
        }
        routes.get("readyz") { _, _ in
            let report = await ReadinessReport.run(checks, timeout: timeout)
            return Self.response(report.isReady ? .ok : .serviceUnavailable, report.json(), contentType: "application/json")
        }
        return routes
    }

    private static func response(_ status: HTTPResponse.Status, _ text: String, contentType: String) -> Response {
        Response(status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
