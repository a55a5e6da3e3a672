import EventSchemas
import Foundation
import Hummingbird
import NIOCore
import PostgresNIO

/// The read API over the projected read models (scope `loans:read`):
/// `GET /v1/loans/{loan_id}`, `/v1/loans/{loan_id}/statement`, `/v1/borrowers/{borrower_id}`,
/// `/v1/borrowers/{borrower_id}/loans` and `/v1/dashboards/portfolio?date=`.
struct ReadModelController<Context: RequestContext>: Sendable {
    let store: ReadModelStore
    let authorizer: Authorizer

    func routes() -> RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("/v1/loans/{loan_id}") { request, context in try await loan(request, context) }
        routes.get("/v1/loans/{loan_id}/statement") { request, context in try await statement(request, context) }
        routes.get("/v1/borrowers/{borrower_id}") { request, context in try await borrower(request, context) }
        routes.get("/v1/borrowers/{borrower_id}/loans") { request, context in try await borrowerLoans(request, context) }
        routes.get("/v1/dashboards/portfolio") { request, context in try await portfolio(request, context) }
        return routes
    }

    var gate: FreshnessGate { FreshnessGate(settings: store.settings) }

    private func loan(_ request: Request, _ context: Context) async throws -> Response {
        _ = try authorizer.authorize(request, scope: .loansRead)
        let loanID = try Self.id(context.parameters, "loan_id", noun: "loan")
        let query = try ReadQuery(request.uri.queryParameters)
        try await waitForLoan(loanID, query.minVersion)
        guard let row = try await store.rows("SELECT to_jsonb(v)::text FROM loan_view v WHERE loan_id = \(loanID)").first else {
            throw Self.unknown("loan", loanID)
        }
        var body = try ReadModelJSON.body(row)
        let ledger = try await store.rows("""
            SELECT jsonb_build_object('account', account, 'currency', currency, 'balance_minor', balance_minor)::text
              FROM ledger_balance WHERE loan_id = \(loanID) ORDER BY account
            """)
        body["ledger"] = .array(try ledger.map { .object(try ReadModelJSON.body($0)) })
        return Self.json(.object(body), version: row["version"]?.numberValue?.int64)
    }

    private func statement(_ request: Request, _ context: Context) async throws -> Response {
        _ = try authorizer.authorize(request, scope: .loansRead)
        let loanID = try Self.id(context.parameters, "loan_id", noun: "loan")
        let query = try ReadQuery(request.uri.queryParameters)
        try await waitForLoan(loanID, query.minVersion)
        guard let version = try await store.integer("SELECT version FROM loan_view WHERE loan_id = \(loanID)") else {
            throw Self.unknown("loan", loanID)
        }
        let after = try query.cursor?.integer("line_no") ?? 0
        let rows = try await store.rows("""
            SELECT to_jsonb(s)::text FROM statement_line s
             WHERE loan_id = \(loanID) AND line_no > \(after) ORDER BY line_no LIMIT \(query.limit + 1)
            """)
        let page = Array(rows.prefix(query.limit))
        var body: [String: JSONValue] = [
            "loan_id": .string(loanID.uuidString.lowercased()),
            "version": .number(JSONNumber(version)),
            "lines": .array(try page.map { .object(try ReadModelJSON.body($0, dropping: ["loan_id"])) }),
        ]
        if rows.count > query.limit, let last = page.last?["line_no"] {
            body["next_cursor"] = .string(PageCursor(["line_no": last]).encoded)
        }
        return Self.json(.object(body), version: Int64(version))
    }

    private func waitForLoan(_ loanID: UUID, _ minVersion: Int?) async throws {
        try await gate.wait(
            for: minVersion,
            projected: { try await store.integer("SELECT version FROM loan_view WHERE loan_id = \(loanID)") },
            written: { try await store.integer("SELECT max(version) FROM loan_event WHERE loan_id = \(loanID)") },
            notFound: Self.unknown("loan", loanID))
    }

    static func id(_ parameters: Parameters, _ name: String, noun: String) throws(Problem) -> UUID {
        let text = parameters.get(name) ?? ""
        guard let id = UUID(uuidString: text) else {
            throw Problem(type: .notFound, status: .notFound, detail: "\(name) '\(text)' is not a UUID, so it names no \(noun).")
        }
        return id
    }

    static func cursorUUID(_ text: String) throws(Problem) -> UUID {
        guard let id = UUID(uuidString: text) else { throw PageCursor.invalid }
        return id
    }

    static func unknown(_ noun: String, _ id: UUID) -> Problem {
        Problem(type: .streamNotFound, status: .notFound,
                detail: "No \(noun) \(id.uuidString.lowercased()) in the read models (yet).", code: "stream_not_found")
    }

    static func json(_ body: JSONValue, version: Int64?) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let version { headers[.eTag] = "\"\(version)\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body.serialized(sortedKeys: true))))
    }
}
