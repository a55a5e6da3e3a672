import EventSchemas
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `Business-Date`: value-dated commands where the server allows them, refused everywhere else.
@Suite struct BusinessDateTests {
    static let header = HTTPField.Name("Business-Date")!

    static var allowing: HTTPSettings {
        var settings = HTTPSettings()
        settings.businessDateOverride = true
        return settings
    }

    @Test func aServerWithoutOverridesRefusesTheHeaderAndWritesNothing() async throws {
        try await APITestHarness.run { api in
            let response = try await api.post("/v1/borrowers", Fixtures.borrower, headers: [Self.header: "2025-12-01"])
            #expect(response.status == .badRequest)
            let problem = try response.json()
            #expect(problem["type"]?.stringValue?.hasSuffix("invalid-parameter") == true)
            #expect(problem["errors"]?.arrayValue?.first?["pointer"]?.stringValue == "Business-Date")
            #expect(try await api.writtenRows() == 0)
        }
    }

    @Test func anAllowedDateDecidesTheCommandAndBecomesTheEventsBusinessTime() async throws {
        try await APITestHarness.run(settings: Self.allowing) { api in
            let borrower = try await Fixtures.registerBorrower(api)
            let response = try await api.post("/v1/applications", Fixtures.application(borrower: borrower),
                                              headers: [Self.header: "2025-12-01"])
            #expect(response.status == .created)
            let loan = try #require(try response.json()["loan_id"]?.stringValue)
            let events = try await api.get("/v1/loans/\(loan)/events").json()
            let effective = events["events"]?.arrayValue?.first?["effective_at"]?.stringValue
            #expect(effective?.hasPrefix("2025-12-01") == true, "effective_at \(effective ?? "nil")")
        }
    }

    @Test func aFutureOrMalformedDateIsRefused() async throws {
        try await APITestHarness.run(settings: Self.allowing) { api in
            for value in ["2026-01-16", "yesterday", "2026-02-30"] {
                let response = try await api.post("/v1/borrowers", Fixtures.borrower, headers: [Self.header: value])
                #expect(response.status == .badRequest, "\(value)")
            }
            #expect(try await api.writtenRows() == 0)
        }
    }

    @Test func theSameKeyWithAnotherBusinessDateIsADifferentRequest() async throws {
        try await APITestHarness.run(settings: Self.allowing) { api in
            let first = try await api.post("/v1/borrowers", Fixtures.borrower, key: "bd-1", headers: [Self.header: "2025-12-01"])
            #expect(first.status == .created)
            let again = try await api.post("/v1/borrowers", Fixtures.borrower, key: "bd-1", headers: [Self.header: "2025-12-01"])
            #expect(again.status == .created)
            #expect(again.bytes == first.bytes)
            let other = try await api.post("/v1/borrowers", Fixtures.borrower, key: "bd-1", headers: [Self.header: "2025-12-02"])
            #expect(other.status == .unprocessableContent)
        }
    }
}
