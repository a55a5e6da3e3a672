import Hummingbird
import Logging
import ServiceLifecycle

/// A tiny HTTP server with only ``OperationsRoutes`` (`/metrics`, `/healthz`, `/readyz`), for processes
/// without the API (relay, projectors, exporter). Runs until graceful shutdown or cancellation.
public struct OperationsServer: Service {
    let settings: OperationsSettings
    let checks: [ReadinessCheck]
    let logger: Logger

    /// Creates the server.
    ///
    /// - Parameters:
    ///   - settings: Where to listen.
    ///   - checks: What `/readyz` verifies.
    ///   - logger: Receives the server's log lines.
    public init(settings: OperationsSettings, checks: [ReadinessCheck], logger: Logger = Logger(label: "loanstream.operations")) {
        self.settings = settings
        self.checks = checks
        self.logger = logger
    }

    /// The router of the server, so tests can drive it without a socket.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.addRoutes(OperationsRoutes<BasicRequestContext>(checks: checks).routes())
        return router
    }

    public func run() async throws {
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "loanstream-operations"),
            logger: logger)
        try await app.run()
    }
}
