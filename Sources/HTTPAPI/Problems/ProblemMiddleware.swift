import Foundation
import Hummingbird
import Logging
import NIOCore

/// Turns every error a route throws into an RFC 9457 problem+json response.
///
/// Known errors (``Problem``, the domain's `LendingError`, the command core's errors, Hummingbird's
/// own 404/405/413) keep their meaning; anything else is a 500 whose body carries only an error id,
/// while the log carries the whole error (`String(reflecting:)`) under that id.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    private let logger: Logger

    /// - Parameter logger: where unexpected errors are logged with their error id.
    public init(logger: Logger) {
        self.logger = logger
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = self.problem(for: error, request: request)
            return try problem.response(from: request, context: context)
        }
    }

    /// The problem that describes `error` to a client.
    func problem(for error: any Error, request: Request) -> Problem {
        if let problem = error as? Problem { return problem }
        if let problem = Problem(mapping: error) { return problem }
        if error is NIOTooManyBytesError {
            return Problem.bodyTooLarge(limit: nil)
        }
        if let httpError = error as? HTTPError, let problem = Problem(httpError: httpError, request: request) {
            return problem
        }
        let errorID = UUID().uuidString.lowercased()
        logger.error("unhandled error", metadata: [
            "error_id": .string(errorID),
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "error": .string(String(reflecting: error)),
        ])
        return Problem(type: .internalError, status: .internalServerError,
                       detail: "The server could not complete the request; quote the error id when reporting it.",
                       errorID: errorID)
    }
}

extension Problem {
    /// A problem for Hummingbird's own errors (no route, wrong method, body limits), or `nil`
    /// for a status this layer does not expect, which is then reported as a 500.
    init?(httpError: HTTPError, request: Request) {
        switch httpError.status {
        case .notFound:
            let allowed = RouteTable.api.methods(for: request.uri.path)
            guard !allowed.isEmpty else {
                self.init(type: .notFound, status: .notFound,
                          detail: "No route matches \(request.method.rawValue) \(request.uri.path).")
                return
            }
            self.init(type: .methodNotAllowed, status: .methodNotAllowed,
                      detail: "\(request.uri.path) does not accept \(request.method.rawValue).")
            headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        case .methodNotAllowed:
            self.init(type: .methodNotAllowed, status: .methodNotAllowed,
                      detail: "\(request.uri.path) does not accept \(request.method.rawValue).")
        case .contentTooLarge:
            self = .bodyTooLarge(limit: nil)
        case .badRequest:
            self.init(type: .invalidParameter, status: .badRequest, detail: httpError.body ?? "The request is malformed.")
        default:
            return nil
        }
    }

    /// 413: the body exceeds the limit.
    ///
    /// - Parameter limit: the limit in bytes, when known.
    static func bodyTooLarge(limit: Int?) -> Problem {
        let detail = limit.map { "The request body exceeds the limit of \($0) bytes." } ?? "The request body exceeds the limit."
        return Problem(type: .bodyTooLarge, status: .contentTooLarge, detail: detail)
    }
}
