import EventSchemas
import Foundation
import HTTPTypes
import Lending
import Testing

@Suite("Read API over the read models")
struct ReadAPITests {
    @Test("GET /v1/loans/{id}: the loan with money as decimal strings, ledger balances, ETag; 404 for unknown ids")
    func loan() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            try await h.projectAll()
            try await ReadAPIHarness.run(h) { api in
                let response = try await api.get("/v1/loans/\(book.x)")
                #expect(response.status == .ok)
                let body = try response.json()
                #expect(try api.conforms(body, to: "LoanView"), "\(body)")
                #expect(body["outstanding_principal"] == ["amount": "100000.00", "currency": "INR"])
                #expect(body["status"] == "active" && body["days_past_due"]?.numberValue?.int64 == 33)
                #expect(body["bucket"] == "31-60" && body["as_of_date"] == "2026-03-20")
                #expect(response.headers[.eTag] == "\"\(body["version"]?.numberValue?.int64 ?? -1)\"")
                let ledger = body["ledger"]?.arrayValue ?? []
                #expect(ledger.contains { $0["account"] == "1100_loans_receivable" && $0["balance"]?["amount"] == "100000.00" })
                #expect(ledger.contains { $0["account"] == "1000_cash_bank" && $0["balance"]?["amount"] == "-100000.00" })

                let declined = try await api.get("/v1/loans/\(book.z)")
                #expect(try declined.status == .ok && declined.json()["status"] == "declined")
                #expect(try api.conforms(try declined.json(), to: "LoanView"))

                let unknown = try await api.get("/v1/loans/\(UUID())")
                #expect(unknown.status == .notFound && unknown.headers[.contentType] == "application/problem+json")
                #expect(try api.conforms(try unknown.json(), to: "Problem"))
                #expect(try await api.get("/v1/loans/not-a-uuid").status == .notFound)
            }
        }
    }

    @Test("the read routes need a token with loans:read (or admin): 401 without one, 403 with another scope")
    func scopes() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            try await h.projectAll()
            try await ReadAPIHarness.run(h) { api in
                for path in ["/v1/loans/\(book.x)", "/v1/loans/\(book.x)/statement", "/v1/borrowers/\(book.asha)",
                             "/v1/borrowers/\(book.asha)/loans", "/v1/dashboards/portfolio"] {
                    let anonymous = try await api.get(path, token: nil)
                    #expect(anonymous.status == .unauthorized && anonymous.headers[.wwwAuthenticate] != nil, "\(path)")
                    #expect(try await api.get(path, token: ReadAPIHarness.token(["repayments:write"])).status == .forbidden, "\(path)")
                    #expect(try await api.get(path, token: ReadAPIHarness.token(["admin"])).status == .ok, "\(path)")
                    #expect(try await api.get(path).status == .ok, "\(path)")
                }
            }
        }
    }

    @Test("statement pages follow opaque cursors and stay stable when new lines arrive between pages")
    func statementPagination() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            let projected = try await h.projectAll()
            try await ReadAPIHarness.run(h) { api in
                let first = try await api.get("/v1/loans/\(book.y)/statement?limit=5")
                let firstBody = try first.json()
                #expect(try first.status == .ok && api.conforms(firstBody, to: "Statement"), "\(firstBody)")
                var seen = (firstBody["lines"]?.arrayValue ?? []).compactMap { $0["line_no"]?.numberValue?.int64 }
                #expect(seen == [1, 2, 3, 4, 5])
                var cursor = firstBody["next_cursor"]?.stringValue
                #expect(cursor != nil)

                // New money movements land while the client pages.
                try await h.repay(book.y, "500.00", on: ReadModelHarness.date("2026-03-21"))
                try await h.projectAll(after: projected)

                while let next = cursor {
                    let page = try await api.get("/v1/loans/\(book.y)/statement?limit=5&cursor=\(next)")
                    let body = try page.json()
                    #expect(try page.status == .ok && api.conforms(body, to: "Statement"))
                    seen += (body["lines"]?.arrayValue ?? []).compactMap { $0["line_no"]?.numberValue?.int64 }
                    cursor = body["next_cursor"]?.stringValue
                }
                let total = try await h.int("SELECT count(*)::int8 FROM statement_line WHERE loan_id = '\(book.y)'")
                #expect(seen == Array(1...Int64(total)), "every line once, in order, including the new ones")
                let last = try await api.get("/v1/loans/\(book.y)/statement?limit=200")
                let received = try last.json()["lines"]?.arrayValue?.filter { $0["event_type"] == "repayment.received" }
                #expect(received?.last?["effective_date"] == "2026-03-21" && received?.last?["amount"]?["amount"] == "500.00")

                let bad = try await api.get("/v1/loans/\(book.y)/statement?cursor=%21%21")
                #expect(bad.status == .badRequest)
                #expect(try await api.get("/v1/loans/\(book.y)/statement?limit=201").status == .badRequest)
                #expect(try await api.get("/v1/loans/\(UUID())/statement").status == .notFound)
            }
        }
    }

    @Test("GET /v1/borrowers/{id} and its loans, paged oldest first and stable under new loans")
    func borrowers() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            let projected = try await h.projectAll()
            try await ReadAPIHarness.run(h) { api in
                let borrower = try await api.get("/v1/borrowers/\(book.asha)")
                let body = try borrower.json()
                #expect(try borrower.status == .ok && api.conforms(body, to: "BorrowerView"), "\(body)")
                #expect(body["loan_count"]?.numberValue?.int64 == 2 && body["worst_days_past_due"]?.numberValue?.int64 == 33)
                #expect(body["exposure"]?.arrayValue?.count == 1 && body["exposure"]?[0]?["currency"] == "INR")
                #expect(body["registered"] == true && body["full_name"] == "Asha Rao")

                let page1 = try await api.get("/v1/borrowers/\(book.asha)/loans?limit=1")
                let page1Body = try page1.json()
                #expect(try api.conforms(page1Body, to: "BorrowerLoans"), "\(page1Body)")
                #expect(page1Body["loans"]?[0]?["loan_id"]?.stringValue == book.x.uuidString.lowercased())
                let cursor = try #require(page1Body["next_cursor"]?.stringValue)

                let newer = try await h.activeLoan(borrower: book.asha, amount: "10000.00", on: ReadModelHarness.date("2026-03-21"))
                try await h.projectAll(after: projected)

                var ids: [String] = []
                var next: String? = cursor
                while let c = next {
                    let body = try await api.get("/v1/borrowers/\(book.asha)/loans?limit=1&cursor=\(c)").json()
                    ids += (body["loans"]?.arrayValue ?? []).compactMap { $0["loan_id"]?.stringValue }
                    next = body["next_cursor"]?.stringValue
                }
                #expect(ids == [book.y, newer].map { $0.uuidString.lowercased() })
                #expect(try await api.get("/v1/borrowers/\(UUID())").status == .notFound)
                #expect(try await api.get("/v1/borrowers/\(UUID())/loans").status == .notFound)
            }
        }
    }

    @Test("min_version waits for the projection, answers 409 not-ready with Retry-After when it does not arrive, 400 beyond the stream")
    func readYourWrites() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            let projected = try await h.projectAll()
            // The wait bound is generous so the outcome never depends on how fast this machine projects; the
            // bounded refusal is checked below with a short one.
            try await ReadAPIHarness.run(h, wait: .seconds(30)) { api in
                let written = try await h.execute(.loan(book.y, .recordRepayment(
                    paymentId: EntityID.random(), amount: ReadModelHarness.money("250.00"),
                    effectiveDate: Book.lastDay, channel: "upi")), today: Book.lastDay)
                let catchUp = Task {
                    try await Task.sleep(for: .milliseconds(300))
                    try await h.projectAll(after: projected)
                }
                let response = try await api.get("/v1/loans/\(book.y)?min_version=\(written.version)")
                _ = try await catchUp.value
                #expect(response.status == .ok)
                #expect((try response.json())["version"]?.numberValue?.int64 == Int64(written.version))
                #expect((try response.json())["last_payment"]?["amount"] == "250.00")
            }
            try await ReadAPIHarness.run(h, wait: .milliseconds(200)) { api in
                let behind = try await h.execute(.loan(book.y, .recordRepayment(
                    paymentId: EntityID.random(), amount: ReadModelHarness.money("10.00"),
                    effectiveDate: Book.lastDay, channel: "upi")), today: Book.lastDay)
                let response = try await api.get("/v1/loans/\(book.y)?min_version=\(behind.version)")
                #expect(response.status == .conflict)
                #expect(response.headers[HTTPField.Name("Retry-After")!] == "1")
                let problem = try response.json()
                #expect(try problem["type"] == "https://loanstream.dev/problems/not-ready" && api.conforms(problem, to: "Problem"))
                #expect(try await api.get("/v1/loans/\(book.y)/statement?min_version=\(behind.version)").status == .conflict)
                #expect(try await api.get("/v1/loans/\(book.y)?min_version=\(behind.version + 50)").status == .badRequest)
                #expect(try await api.get("/v1/loans/\(UUID())?min_version=1").status == .notFound)
                #expect(try await api.get("/v1/loans/\(book.y)?min_version=0").status == .badRequest)
                #expect(try await api.get("/v1/borrowers/\(book.asha)?min_version=2").status == .ok)
                #expect(try await api.get("/v1/borrowers/\(book.asha)?min_version=3").status == .badRequest)
            }
        }
    }

    @Test("GET /v1/dashboards/portfolio?date= gives each product and currency as of that day")
    func dashboard() async throws {
        try await ReadModelHarness.run { h in
            _ = try await Book.open(h)
            try await h.projectAll()
            try await ReadAPIHarness.run(h) { api in
                let latest = try await api.get("/v1/dashboards/portfolio")
                let body = try latest.json()
                #expect(try latest.status == .ok && api.conforms(body, to: "PortfolioDashboard"), "\(body)")
                #expect(body["date"] == "2026-03-20")
                let row = try #require(body["rows"]?[0])
                #expect(row["product_code"] == "PL" && row["par30"] == "0.666667")
                #expect(row["loans_by_status"]?["active"]?.numberValue?.int64 == 2)
                #expect(row["outstanding"]?["principal"]?["amount"] == "150000.00")
                #expect(row["buckets"]?[2]?["bucket"] == "31-60" && row["buckets"]?[2]?["principal"]?["amount"] == "100000.00")

                let day = try await api.get("/v1/dashboards/portfolio?date=2026-01-15").json()
                #expect(day["rows"]?[0]?["disbursed"]?["amount"] == "100000.00")
                #expect(try api.conforms(day, to: "PortfolioDashboard"))
                let later = try await api.get("/v1/dashboards/portfolio?date=2026-04-30").json()
                #expect(later["rows"]?[0]?["figures_date"] == "2026-03-20" && later["rows"]?[0]?["collected"]?["amount"] == "0.00")
                let before = try await api.get("/v1/dashboards/portfolio?date=2025-12-31").json()
                #expect(before["rows"]?.arrayValue?.isEmpty == true)
                #expect(try await api.get("/v1/dashboards/portfolio?date=2026-13-01").status == .badRequest)
            }
        }
    }
}
