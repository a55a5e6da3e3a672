import Hummingbird

/// Settings of the HTTP server.
public struct HTTPSettings: Sendable {
    /// Address to bind. Default `127.0.0.1` (loopback only, as the local stack is).
    public var host: String = "127.0.0.1"
    /// Port to bind. Default `8080`.
    public var port: Int = 8080

    public init() {}
}

/// Builds the LoanStream HTTP application, so tests can drive the same router without a socket.
///
/// - Parameter settings: where to listen.
/// - Returns: the application, ready to run as a `Service`.
public func buildApplication(settings: HTTPSettings) -> some ApplicationProtocol {
    let router = Router()
    router.get("/healthz") { _, _ -> HTTPResponse.Status in .ok }
    return Application(
        router: router,
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "loanstream")
    )
}
