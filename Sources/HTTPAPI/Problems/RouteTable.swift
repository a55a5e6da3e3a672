import Hummingbird

/// The API's path templates and their methods, so a request for a known path with the wrong
/// method is answered 405 with `Allow` rather than a bare 404.
struct RouteTable: Sendable {
    private let routes: [(segments: [Substring], method: HTTPRequest.Method)]

    /// - Parameter routes: path templates (`/v1/loans/{loan_id}/state`) and their methods.
    init(_ routes: [(path: String, method: HTTPRequest.Method)]) {
        self.routes = routes.map { ($0.path.split(separator: "/"), $0.method) }
    }

    /// Every route of the API.
    static let api = RouteTable(
        CommandOperation.all.map { ($0.path, HTTPRequest.Method.post) } + [
            ("/v1/loans/{loan_id}/events", .get), ("/v1/loans/{loan_id}/state", .get),
            ("/v1/loans/{loan_id}", .get), ("/v1/loans/{loan_id}/statement", .get), ("/v1/borrowers/{borrower_id}", .get),
            ("/v1/borrowers/{borrower_id}/loans", .get), ("/v1/dashboards/portfolio", .get),
            ("/openapi.json", .get), ("/healthz", .get), ("/readyz", .get), ("/metrics", .get),
        ])

    /// The methods the path accepts, in a stable order; empty when no template matches it.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        let matching = routes.filter { route in
            route.segments.count == segments.count && zip(route.segments, segments).allSatisfy { template, actual in
                template.first == "{" || template == actual
            }
        }
        return matching.map(\.method).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }
}
