import EventSchemas
import EventStore
import Foundation
import Hummingbird
import NIOCore

/// The read routes served from the event store: `GET /v1/loans/{loan_id}/events` and
/// `GET /v1/loans/{loan_id}/state?as_of=<RFC 3339>&axis=recorded|effective`.
struct LoanReadController<Context: RequestContext>: Sendable {
    let history: LoanHistory
    let authorizer: Authorizer

    func routes() -> RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("/v1/loans/{loan_id}/events") { request, context in try await events(request, context) }
        routes.get("/v1/loans/{loan_id}/state") { request, context in try await state(request, context) }
        return routes
    }

    private func events(_ request: Request, _ context: Context) async throws -> Response {
        _ = try authorizer.authorize(request, scope: .loansRead)
        let loanID = try LoanReadController.loanID(context.parameters)
        let events = try await history.events(loanID: loanID)
        guard let last = events.last else { throw LoanReadController.unknownLoan(loanID) }
        let body: JSONValue = [
            "loan_id": .string(loanID.uuidString.lowercased()),
            "version": .number(JSONNumber(last.version)),
            "events": .array(try events.map { try JSONValue(parsing: $0.json) }),
        ]
        return LoanReadController.json(body, version: last.version)
    }

    private func state(_ request: Request, _ context: Context) async throws -> Response {
        _ = try authorizer.authorize(request, scope: .loansRead)
        let loanID = try LoanReadController.loanID(context.parameters)
        let query = try TimeTravelQuery(request.uri.queryParameters)
        guard let (state, version) = try await history.state(loanID: loanID, asOf: query.cutoff) else {
            throw LoanReadController.unknownLoan(loanID)
        }
        let echo = query.cutoff.map { (query.asOfText ?? "", $0.1.rawValue) }
        let body = LoanStateView.json(state, loanID: loanID.uuidString.lowercased(), version: version, asOf: echo)
        return LoanReadController.json(body, version: version)
    }

    static func loanID(_ parameters: Parameters) throws(Problem) -> UUID {
        let text = parameters.get("loan_id") ?? ""
        guard let id = UUID(uuidString: text) else {
            throw Problem(type: .notFound, status: .notFound, detail: "loan_id '\(text)' is not a UUID, so it names no loan.")
        }
        return id
    }

    static func unknownLoan(_ id: UUID) -> Problem {
        Problem(type: .streamNotFound, status: .notFound,
                detail: "No loan \(id.uuidString.lowercased()) exists (at that time).", code: "stream_not_found")
    }

    static func json(_ body: JSONValue, version: Int) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json", .eTag: "\"\(version)\""],
                 body: .init(byteBuffer: ByteBuffer(string: body.serialized(sortedKeys: true))))
    }
}

/// `as_of` and `axis` of a time-travel read.
struct TimeTravelQuery: Sendable {
    /// The cut-off and its axis, or `nil` for the present.
    var cutoff: (Date, TimeAxis)?
    var asOfText: String?

    /// - Throws: ``Problem`` 400 `invalid-parameter` for a malformed `as_of` or an unknown `axis`.
    init(_ query: Parameters) throws(Problem) {
        let axisText = query.get("axis") ?? TimeAxis.recorded.rawValue
        guard let axis = TimeAxis(rawValue: axisText) else {
            throw Problem(type: .invalidParameter, status: .badRequest, detail: "axis must be recorded or effective.",
                          errors: [.init(pointer: "axis", detail: "recorded or effective")])
        }
        guard let text = query.get("as_of") else { return }
        guard let instant = TimeTravelQuery.parseRFC3339(text) else {
            throw Problem(type: .invalidParameter, status: .badRequest,
                          detail: "as_of must be an RFC 3339 date-time such as 2026-11-21T10:00:00Z.",
                          errors: [.init(pointer: "as_of", detail: "an RFC 3339 date-time")])
        }
        cutoff = (instant, axis)
        asOfText = text
    }

    /// Parses an RFC 3339 date-time, with or without fractional seconds.
    static func parseRFC3339(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
