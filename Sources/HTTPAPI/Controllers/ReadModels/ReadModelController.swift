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

    private var gate: FreshnessGate { FreshnessGate(settings: store.settings) }

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

    private func borrower(_ request: Request, _ context: Context) async throws -> Response {
        _ = try authorizer.authorize(request, scope: .loansRead)
        let borrowerID = try Self.id(context.parameters, "borrower_id", noun: "borrower")
        let query = try ReadQuery(request.uri.queryParameters)
        try await waitForBorrower(borrowerID, query.minVersion)
        guard let row = try await store.rows("SELECT to_jsonb(b)::text FROM borrower_view b WHERE borrower_id = \(borrowerID)").first else {
            throw Self.unknown("borrower", borrowerID)
        }
        var body = try ReadModelJSON.body(row)
        body["exposure"] = try ReadModelJSON.moneyList(row["exposure"])
        body["registered"] = .bool(row["full_name"].map { !$0.isNull } ?? false)
        return Self.json(.object(body), version: row["version"]?.numberValue?.int64)
    }

    private func borrowerLoans(_ request: Request, _ context: Context) async throws -> Response {
        _ = try authorizer.authorize(request, scope: .loansRead)
        let borrowerID = try Self.id(context.parameters, "borrower_id", noun: "borrower")
        let query = try ReadQuery(request.uri.queryParameters)
        try await waitForBorrower(borrowerID, query.minVersion)
        guard try await store.integer("SELECT version FROM borrower_view WHERE borrower_id = \(borrowerID)") != nil else {
            throw Self.unknown("borrower", borrowerID)
        }
        // The sort key in whole microseconds, so the cursor compares exactly.
        var afterTime: Int64 = 0
        var afterID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        if let cursor = query.cursor {
            afterTime = try cursor.integer("opened_us")
            afterID = try Self.cursorUUID(cursor.string("loan_id"))
        }
        let rows = try await store.rows("""
            SELECT (to_jsonb(v) || jsonb_build_object('opened_us', \(unescaped: Self.openedMicros)))::text
              FROM loan_view v
             WHERE borrower_id = \(borrowerID) AND (\(unescaped: Self.openedMicros), loan_id) > (\(afterTime), \(afterID))
             ORDER BY opened_at, loan_id LIMIT \(query.limit + 1)
            """)
        let page = Array(rows.prefix(query.limit))
        var body: [String: JSONValue] = [
            "borrower_id": .string(borrowerID.uuidString.lowercased()),
            "loans": .array(try page.map { .object(try ReadModelJSON.body($0, dropping: ["opened_us"])) }),
        ]
        if rows.count > query.limit, let last = page.last, let time = last["opened_us"], let id = last["loan_id"] {
            body["next_cursor"] = .string(PageCursor(["opened_us": time, "loan_id": id]).encoded)
        }
        return Self.json(.object(body), version: nil)
    }

    private func portfolio(_ request: Request, _ context: Context) async throws -> Response {
        _ = try authorizer.authorize(request, scope: .loansRead)
        let query = try ReadQuery(request.uri.queryParameters)
        let latest = try await store.rows("""
            SELECT coalesce(to_jsonb(max(business_date)), 'null'::jsonb)::text FROM portfolio_daily
            """).first?.stringValue
        guard let date = query.date?.description ?? latest else {
            return Self.json(["rows": []], version: nil)
        }
        let afterProduct = try query.cursor?.string("product_code") ?? ""
        let afterCurrency = try query.cursor?.string("currency") ?? ""
        let rows = try await store.rows("""
            SELECT (to_jsonb(p) || jsonb_build_object('par30', p.par30::text, 'par60', p.par60::text,
                    'par90', p.par90::text, 'collection_efficiency', p.collection_efficiency::text))::text
              FROM (SELECT DISTINCT ON (product_code, currency) * FROM portfolio_daily
                     WHERE business_date <= \(date)::date
                     ORDER BY product_code, currency, business_date DESC) AS p
             WHERE (p.product_code, p.currency::text) > (\(afterProduct), \(afterCurrency))
             ORDER BY p.product_code, p.currency LIMIT \(query.limit + 1)
            """)
        let page = Array(rows.prefix(query.limit))
        var body: [String: JSONValue] = [
            "date": .string(date),
            "rows": .array(try page.map { try PortfolioJSON.body($0, requested: date) }),
        ]
        if rows.count > query.limit, let last = page.last, let product = last["product_code"], let currency = last["currency"] {
            body["next_cursor"] = .string(PageCursor(["product_code": product, "currency": currency]).encoded)
        }
        return Self.json(.object(body), version: nil)
    }

    private func waitForLoan(_ loanID: UUID, _ minVersion: Int?) async throws {
        try await gate.wait(
            for: minVersion,
            projected: { try await store.integer("SELECT version FROM loan_view WHERE loan_id = \(loanID)") },
            written: { try await store.integer("SELECT max(version) FROM loan_event WHERE loan_id = \(loanID)") },
            notFound: Self.unknown("loan", loanID))
    }

    private func waitForBorrower(_ borrowerID: UUID, _ minVersion: Int?) async throws {
        try await gate.wait(
            for: minVersion,
            projected: { try await store.integer("SELECT nullif(version, 0) FROM borrower_view WHERE borrower_id = \(borrowerID)") },
            written: { try await store.integer("SELECT max(version) FROM borrower_event WHERE borrower_id = \(borrowerID)") },
            notFound: Self.unknown("borrower", borrowerID))
    }

    private static var openedMicros: String { "(extract(epoch FROM v.opened_at) * 1000000)::bigint" }

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
