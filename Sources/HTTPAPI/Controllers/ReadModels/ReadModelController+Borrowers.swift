import EventSchemas
import Foundation
import Hummingbird
import PostgresNIO

/// `GET /v1/borrowers/{borrower_id}` and `/v1/borrowers/{borrower_id}/loans`.
extension ReadModelController {
    func borrower(_ request: Request, _ context: Context) async throws -> Response {
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

    func borrowerLoans(_ request: Request, _ context: Context) async throws -> Response {
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

    func waitForBorrower(_ borrowerID: UUID, _ minVersion: Int?) async throws {
        try await gate.wait(
            for: minVersion,
            projected: { try await store.integer("SELECT nullif(version, 0) FROM borrower_view WHERE borrower_id = \(borrowerID)") },
            written: { try await store.integer("SELECT max(version) FROM borrower_event WHERE borrower_id = \(borrowerID)") },
            notFound: Self.unknown("borrower", borrowerID))
    }

    static var openedMicros: String { "(extract(epoch FROM v.opened_at) * 1000000)::bigint" }
}
