import EventSchemas
import Foundation
import Hummingbird
import Lending
import NIOCore

/// The command routes (`POST /v1/…`): authorise, check the headers, read and validate the body,
/// decode the command, hand it to the write side and answer with what it stored.
struct CommandController<Context: RequestContext>: Sendable {
    let service: CommandService
    let validator: RequestValidator
    let authorizer: Authorizer
    /// Largest request body accepted, in bytes.
    let bodyLimit: Int
    /// The business date commands are decided on.
    let today: @Sendable () -> LocalDate
    /// Whether a `Business-Date` header may choose another (earlier) one.
    var allowBusinessDate = false

    func routes() -> RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        for operation in CommandOperation.all {
            routes.post(RouterPath(operation.path)) { request, context in
                try await handle(operation, request: request, context: context)
            }
        }
        return routes
    }

    private func handle(_ operation: CommandOperation, request: Request, context: Context) async throws -> Response {
        let principal = try authorizer.authorize(request, scope: operation.scope)
        let headers = try CommandHeaders(request.headers)
        let businessDate = try BusinessDateHeader.resolve(request.headers, allowed: allowBusinessDate, today: today())
        let ids = try pathIDs(context.parameters)
        var request = request
        let body = try await JSONBody(reading: &request, limit: bodyLimit)
        try body.refuseNULCharacters()
        try validator.validate(body.value, against: operation.schema)
        let target = try operation.decode(try BodyFields(body.value), ids)
        let command = CommandRequest(
            idempotencyScope: operation.idempotencyScope(for: principal), idempotencyKey: headers.idempotencyKey,
            requestHash: CommandHeaders.requestHash(method: request.method.rawValue, path: request.uri.path, body: body.value,
                                                     businessDate: request.headers[BusinessDateHeader.name]),
            target: target, expectedVersion: headers.expectedVersion, traceID: headers.traceID,
            businessDate: businessDate)
        let reply: CommandReply
        do {
            reply = try await service.execute(command)
        } catch let error as LendingError {
            throw Problem(lending: error, pathFields: operation.pathFields)
        }
        return response(for: reply)
    }

    /// The stored reply as a response: `ETag` from its version, `Location` for a new stream.
    private func response(for reply: CommandReply) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        let result = try? JSONValue(parsing: reply.body)
        if let version = result?["version"]?.numberValue?.int64 {
            headers[.eTag] = "\"\(version)\""
        }
        if reply.status == 201 {
            if let loan = result?["loan_id"]?.stringValue {
                headers[.location] = "/v1/loans/\(loan)"
            } else if let borrower = result?["borrower_id"]?.stringValue {
                headers[.location] = "/v1/borrowers/\(borrower)"
            }
        }
        if reply.replayed { headers[CommandHeaders.idempotentReplayed] = "true" }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    /// The ids in the path; one that is not a UUID names nothing, so it is a 404.
    private func pathIDs(_ parameters: Parameters) throws(Problem) -> CommandDecoding.PathIDs {
        func uuid(_ name: String) throws(Problem) -> UUID? {
            guard let text = parameters.get(name) else { return nil }
            guard let id = UUID(uuidString: text) else {
                throw Problem(type: .notFound, status: .notFound, detail: "\(name) '\(text)' is not a UUID, so it names nothing.")
            }
            return id
        }
        return CommandDecoding.PathIDs(loanID: try uuid("loan_id"), borrowerID: try uuid("borrower_id"),
                                       disbursementID: try uuid("disbursement_id").map(EntityID.init),
                                       chargeID: try uuid("charge_id").map(EntityID.init))
    }
}
