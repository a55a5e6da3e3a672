import Foundation
import Hummingbird

/// An RFC 9457 problem detail: every 4xx and 5xx LoanStream answers is one of these, as
/// `application/problem+json`, with a stable `type`, a human `detail` and, for bad input,
/// the JSON pointer of each offending field. It never carries internals (no SQL, no stack).
public struct Problem: Error, Sendable, Equatable, Encodable {
    /// One field at fault.
    public struct FieldError: Sendable, Equatable, Encodable {
        /// JSON pointer into the request body (`/amount/currency`), or the parameter's name.
        public var pointer: String
        public var detail: String

        public init(pointer: String, detail: String) {
            self.pointer = pointer
            self.detail = detail
        }
    }

    /// A URI naming the kind of problem; stable, documented in the OpenAPI document.
    public var type: String
    public var title: String
    /// The HTTP status code, repeated in the body as RFC 9457 asks.
    public var statusCode: Int
    public var detail: String
    /// The request path the problem is about.
    public var instance: String?
    /// A machine-readable code (a domain error code such as `LOAN_CLOSED`), when there is one.
    public var code: String?
    /// The fields at fault, for validation problems.
    public var errors: [FieldError]?
    /// Correlates a 5xx with the server's log line.
    public var errorID: String?
    /// Headers the response carries besides `Content-Type` (`WWW-Authenticate` on a 401); not in the body.
    public var headers: HTTPFields = [:]

    public init(type: ProblemType, status: HTTPResponse.Status, detail: String, code: String? = nil,
                errors: [FieldError]? = nil, errorID: String? = nil) {
        self.type = type.uri
        self.title = type.title
        self.statusCode = Int(status.code)
        self.detail = detail
        self.code = code
        self.errors = errors
        self.errorID = errorID
    }

    enum CodingKeys: String, CodingKey {
        case type, title, detail, instance, code, errors
        case statusCode = "status"
        case errorID = "error_id"
    }
}

extension Problem: HTTPResponseError {
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: statusCode) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var problem = self
        problem.instance = problem.instance ?? request.uri.path
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(problem)
        var headers = problem.headers
        headers[.contentType] = "application/problem+json"
        return Response(
            status: status,
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
