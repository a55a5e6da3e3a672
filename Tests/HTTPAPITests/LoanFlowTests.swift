import EventSchemas
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("A loan's life over HTTP")
struct LoanFlowTests {
    static func instant(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    @Test func originationDisbursementAndRepaymentThenTimeTravel() async throws {
        try await APITestHarness.run { api in
            let loan = try await Fixtures.activeLoan(api)
            try await Task.sleep(for: .milliseconds(50))
            let beforeRepayment = Date()
            try await Task.sleep(for: .milliseconds(50))

            let repayment = try await api.post("/v1/loans/\(loan)/repayments",
                                               #"{"amount":{"amount":"5000.00","currency":"INR"},"effective_date":"2026-01-15","channel":"upi"}"#)
            #expect(repayment.status == .ok)
            let result = try repayment.json()
            #expect(result["loan_id"]?.stringValue == loan)
            #expect(result["event_types"]?.arrayValue?.first?.stringValue == "repayment.received")
            let version = try #require(result["version"]?.numberValue?.int64)
            #expect(repayment.headers[.eTag] == "\"\(version)\"")

            let events = try await api.get("/v1/loans/\(loan)/events")
            #expect(events.status == .ok)
            let list = try #require(try events.json()["events"]?.arrayValue)
            #expect(list.count == Int(version))
            #expect(list.compactMap { $0["version"]?.numberValue?.int64 } == Array(1...version))
            let types = list.compactMap { $0["event_type"]?.stringValue }
            #expect(Array(types.prefix(7)) == ["application.created", "application.submitted", "decision.approved", "sanction.issued",
                                                "disbursement.created", "disbursement.executed", "loan.activated"])
            #expect(types.contains("repayment.received"))

            let now = try await api.get("/v1/loans/\(loan)/state")
            #expect(now.status == .ok)
            let current = try now.json()
            #expect(current["status"]?.stringValue == "active")
            #expect(current["version"]?.numberValue?.int64 == version)
            #expect(current["disbursed_amount"]?["amount"]?.stringValue == "100000.00")

            // What the system knew just before the repayment was recorded: the same loan, no repayment.
            let then = try await api.get("/v1/loans/\(loan)/state?as_of=\(Self.instant(beforeRepayment))&axis=recorded")
            #expect(then.status == .ok)
            let past = try then.json()
            #expect(past["status"]?.stringValue == "active")
            #expect(past["version"]?.numberValue?.int64 == 7)
            #expect(past["axis"]?.stringValue == "recorded")

            // On the business-time axis nothing had happened the day before the application.
            let early = try await api.get("/v1/loans/\(loan)/state?as_of=2026-01-14T12:00:00Z&axis=effective")
            #expect(early.status == .notFound)
            let onTheDay = try await api.get("/v1/loans/\(loan)/state?as_of=2026-01-15T00:00:00Z&axis=effective")
            #expect(try onTheDay.json()["version"]?.numberValue?.int64 == version)

            let badAxis = try await api.get("/v1/loans/\(loan)/state?axis=sideways")
            #expect(badAxis.status == .badRequest)
            let badInstant = try await api.get("/v1/loans/\(loan)/state?as_of=yesterday")
            #expect(badInstant.status == .badRequest)
        }
    }

    @Test func theOpenAPIDocumentIsServedAndNamesEveryRoute() async throws {
        try await APITestHarness.run { api in
            let response = try await api.client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try response.json()
            #expect(document["openapi"]?.stringValue == "3.1.0")
            let paths = try #require(document["paths"]?.objectValue)
            for path in ["/v1/borrowers", "/v1/applications", "/v1/loans/{loan_id}/repayments", "/v1/loans/{loan_id}/day-end",
                         "/v1/loans/{loan_id}/disbursements/{disbursement_id}/execution", "/v1/loans/{loan_id}/state"] {
                #expect(paths[path] != nil, "\(path)")
            }
            #expect(try await api.client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }
}
