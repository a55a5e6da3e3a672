import EventStore
import Foundation
import Hummingbird
import Lending
import Logging
import Telemetry

/// Everything the HTTP layer needs from the rest of the process.
public struct APIDependencies: Sendable {
    /// The event store the read routes load streams from.
    public var store: EventStore
    /// The write side.
    public var commands: CommandService
    /// Verifies bearer tokens.
    public var tokens: TokenVerifier
    /// The OpenAPI document: served, and the source of the request schemas.
    public var document: OpenAPIDocument
    /// Where the HTTP layer logs (5xx details under their error id).
    public var logger: Logger
    /// The business date commands are decided on. Default: today in UTC.
    public var today: @Sendable () -> LocalDate = { LocalDate.todayUTC() }
    /// The projected read models; the read-model routes (`GET /v1/loans/{id}`, statements,
    /// borrowers, the portfolio dashboard) are served only when set.
    public var readModels: ReadModelStore?
    /// What `/readyz` checks (e.g. `.postgres(client)`). Default none: ready as soon as it answers.
    public var readiness: [ReadinessCheck] = []

    public init(store: EventStore, commands: CommandService, tokens: TokenVerifier, document: OpenAPIDocument, logger: Logger) {
        self.store = store
        self.commands = commands
        self.tokens = tokens
        self.document = document
        self.logger = logger
    }
}

/// Builds the router of the API, so tests can drive it without a socket (`app.test(.router)`).
///
/// - Parameters:
///   - dependencies: the write side, the store, the token verifier and the document.
///   - settings: limits (the body limit).
/// - Returns: the router with every route (`/metrics`, `/healthz`, `/readyz` included), the metrics and problem+json middleware.
/// - Throws: when a request schema of the document does not compile.
public func buildRouter(_ dependencies: APIDependencies, settings: HTTPSettings) throws -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    // Latency histogram `http_server_request_duration_seconds` (see Telemetry's MetricNames), outermost.
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: TraceContextMiddleware())  // log lines of a request carry the caller's trace id
    router.add(middleware: ProblemMiddleware(logger: dependencies.logger))
    var operations = OperationsRoutes<BasicRequestContext>(checks: dependencies.readiness)
    operations.servesHealthz = false  // DocumentController serves the API's documented /healthz
    router.addRoutes(operations.routes())
    let authorizer = Authorizer(verifier: dependencies.tokens)
    let validator = try RequestValidator(document: dependencies.document, names: CommandOperation.all.map(\.schema))
    router.addRoutes(DocumentController(document: dependencies.document).routes())
    router.addRoutes(CommandController(service: dependencies.commands, validator: validator, authorizer: authorizer,
                                       bodyLimit: settings.bodyLimit, today: dependencies.today,
                                       allowBusinessDate: settings.businessDateOverride).routes())
    router.addRoutes(LoanReadController(history: LoanHistory(store: dependencies.store), authorizer: authorizer).routes())
    if let readModels = dependencies.readModels {
        router.addRoutes(ReadModelController(store: readModels, authorizer: authorizer).routes())
    }
    return router
}

/// Builds the LoanStream HTTP application.
///
/// - Parameters:
///   - dependencies: what the routes use.
///   - settings: where to listen and the body limit.
/// - Returns: the application, ready to run as a `Service`.
/// - Throws: when a request schema of the document does not compile.
public func buildApplication(_ dependencies: APIDependencies, settings: HTTPSettings) throws -> some ApplicationProtocol {
    Application(
        router: try buildRouter(dependencies, settings: settings),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "loanstream"),
        logger: dependencies.logger
    )
}

extension LocalDate {
    /// Today's date in UTC.
    public static func todayUTC(now: Date = Date()) -> LocalDate {
        LocalDate(daysSinceEpoch: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
