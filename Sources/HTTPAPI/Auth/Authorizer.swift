import Foundation
import Hummingbird

/// Checks a request's bearer token and the scope its operation needs.
public struct Authorizer: Sendable {
    private let verifier: TokenVerifier

    /// - Parameter verifier: verifies the tokens.
    public init(verifier: TokenVerifier) {
        self.verifier = verifier
    }

    /// The caller of `request`, when it may use an operation that needs `scope`.
    ///
    /// - Throws: ``Problem`` 401 (with `WWW-Authenticate: Bearer`) for a missing or invalid token,
    ///   403 when the token lacks the scope.
    func authorize(_ request: Request, scope: Scope) throws(Problem) -> Principal {
        guard let header = request.headers[.authorization] else {
            throw unauthorized("A bearer token is required (Authorization: Bearer <token>).", error: nil)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw unauthorized("The Authorization header must use the Bearer scheme.", error: "invalid_request")
        }
        let principal: Principal
        do { principal = try verifier.verify(String(parts[1].trimmingSpaces())) } catch {
            throw unauthorized("The bearer token is not valid: \(error.reason).", error: "invalid_token")
        }
        guard principal.isAllowed(scope) else {
            var problem = Problem(type: .forbidden, status: .forbidden, detail: "This operation needs the scope \(scope).")
            problem.headers[.wwwAuthenticate] = "Bearer error=\"insufficient_scope\", scope=\"\(scope)\""
            throw problem
        }
        return principal
    }

    private func unauthorized(_ detail: String, error: String?) -> Problem {
        var problem = Problem(type: .unauthorized, status: .unauthorized, detail: detail)
        problem.headers[.wwwAuthenticate] = error.map { "Bearer realm=\"loanstream\", error=\"\($0)\"" } ?? "Bearer realm=\"loanstream\""
        return problem
    }
}
