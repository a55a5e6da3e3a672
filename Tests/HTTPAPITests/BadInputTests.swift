import EventSchemas
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every class of bad input gets problem+json with a stable type and the field's JSON pointer,
/// and nothing is written.
@Suite("Bad input is refused as problem+json, nothing written")
struct BadInputTests {
    /// Asserts a problem response of `status` and `type`, and that no row was written since `before`.
    static func expectProblem(_ response: TestResponse, _ status: HTTPResponse.Status, _ type: String,
                              api: APITestHarness, rowsBefore: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let body = try response.json()
        #expect(body["type"]?.stringValue == "https://loanstream.dev/problems/\(type)", sourceLocation: sourceLocation)
        #expect(body["status"]?.numberValue?.int64 == Int64(status.code), sourceLocation: sourceLocation)
        #expect(body["detail"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(try await api.writtenRows() == rowsBefore, sourceLocation: sourceLocation)
    }

    @Test func malformedJSONIs400() async throws {
        try await APITestHarness.run { api in
            let response = try await api.post("/v1/borrowers", #"{"full_name": "Asha""#)
            try await Self.expectProblem(response, .badRequest, "malformed-json", api: api, rowsBefore: 0)
        }
    }

    @Test func unknownWrongAndMissingFieldsAre422WithPointers() async throws {
        try await APITestHarness.run { api in
            let borrower = try await Fixtures.registerBorrower(api)
            let before = try await api.writtenRows()
            let unknown = try await api.post("/v1/applications", #"{"borrower_id":"\#(borrower)","product_code":"PL","requested_amount":{"amount":"1.00","currency":"INR"},"requested_tenure":12,"colour":"red"}"#)
            try await Self.expectProblem(unknown, .unprocessableContent, "validation", api: api, rowsBefore: before)
            #expect(try unknown.pointers() == ["/colour"])

            let wrongType = try await api.post("/v1/applications", #"{"borrower_id":"\#(borrower)","product_code":"PL","requested_amount":{"amount":"1.00","currency":"INR"},"requested_tenure":"12"}"#)
            try await Self.expectProblem(wrongType, .unprocessableContent, "validation", api: api, rowsBefore: before)
            #expect(try wrongType.pointers() == ["/requested_tenure"])

            let missing = try await api.post("/v1/applications", #"{"borrower_id":"\#(borrower)","requested_amount":{"amount":"1.00","currency":"INR"},"requested_tenure":12}"#)
            try await Self.expectProblem(missing, .unprocessableContent, "validation", api: api, rowsBefore: before)
            #expect(try missing.pointers() == ["/product_code"])

            let numberAmount = try await api.post("/v1/applications", #"{"borrower_id":"\#(borrower)","product_code":"PL","requested_amount":{"amount":1250,"currency":"INR"},"requested_tenure":12}"#)
            try await Self.expectProblem(numberAmount, .unprocessableContent, "validation", api: api, rowsBefore: before)
            #expect(try numberAmount.pointers() == ["/requested_amount/amount"])
        }
    }

    @Test func badAmountsAndCurrenciesAre422AtTheField() async throws {
        try await APITestHarness.run { api in
            let borrower = try await Fixtures.registerBorrower(api)
            let before = try await api.writtenRows()
            let cases: [(amount: String, currency: String, pointer: String)] = [
                ("100.005", "INR", "/requested_amount/amount"),   // more decimals than the paise
                ("1.5", "JPY", "/requested_amount/amount"),       // yen have no minor unit
                ("-5.00", "INR", "/requested_amount/amount"),     // negative
                ("100.00", "XYZ", "/requested_amount/currency"),  // unknown currency
                ("0.00", "INR", "/requested_amount"),             // zero: refused by the domain
            ]
            for item in cases {
                let response = try await api.post("/v1/applications",
                                                  Fixtures.application(borrower: borrower, amount: item.amount, currency: item.currency))
                try await Self.expectProblem(response, .unprocessableContent, "validation", api: api, rowsBefore: before)
                #expect(try response.pointers() == [item.pointer], "\(item)")
            }
        }
    }

    @Test func badTermsPointIntoTerms() async throws {
        try await APITestHarness.run { api in
            let loan = try await Fixtures.openApplication(api)
            _ = try await api.post("/v1/loans/\(loan)/submission", #"{"submitted_by":"officer-1"}"#)
            _ = try await api.post("/v1/loans/\(loan)/decision", #"{"outcome":"approved","decided_by":"c","reason":"ok","approved_amount":{"amount":"100.00","currency":"INR"}}"#)
            let before = try await api.writtenRows()
            let terms = Fixtures.terms.replacingOccurrences(of: #""annual_rate":"0.12""#, with: #""annual_rate":"1.50""#)
            let response = try await api.post("/v1/loans/\(loan)/sanction",
                                              #"{"sanctioned_amount":{"amount":"100.00","currency":"INR"},"valid_until":"2026-02-15","terms":\#(terms)}"#)
            try await Self.expectProblem(response, .unprocessableContent, "validation", api: api, rowsBefore: before)
            #expect(try response.pointers() == ["/terms/annual_rate"])
            #expect(try response.json()["code"]?.stringValue == "invalid_terms")
        }
    }

    @Test func bodiesOverTheLimitAre413BeforeReading() async throws {
        var settings = HTTPSettings()
        settings.bodyLimit = 1_024
        try await APITestHarness.run(settings: settings) { api in
            // Declared too large: refused on the header alone, with no body sent at all.
            var headers: HTTPFields = [.authorization: "Bearer \(APITestHarness.token())", .contentType: "application/json",
                                       .contentLength: "10000000"]
            headers[HTTPField.Name("Idempotency-Key")!] = "k-413"
            let declared = try await api.client.execute(uri: "/v1/borrowers", method: .post, headers: headers)
            try await Self.expectProblem(declared, .contentTooLarge, "body-too-large", api: api, rowsBefore: 0)

            let padding = String(repeating: "x", count: 2_000)
            let sent = try await api.post("/v1/borrowers", #"{"full_name":"\#(padding)","date_of_birth":"1990-04-02","mobile":"+919800000001"}"#)
            try await Self.expectProblem(sent, .contentTooLarge, "body-too-large", api: api, rowsBefore: 0)
        }
    }

    @Test func invalidTransitionIs409WithTheDomainCode() async throws {
        try await APITestHarness.run { api in
            let loan = try await Fixtures.openApplication(api)
            let before = try await api.writtenRows()
            let response = try await api.post("/v1/loans/\(loan)/sanction",
                                              #"{"sanctioned_amount":{"amount":"100.00","currency":"INR"},"valid_until":"2026-02-15","terms":\#(Fixtures.terms)}"#)
            try await Self.expectProblem(response, .conflict, "invalid-transition", api: api, rowsBefore: before)
            #expect(try response.json()["code"]?.stringValue == "invalid_transition")
        }
    }

    @Test func missingIdempotencyKeyIs400() async throws {
        try await APITestHarness.run { api in
            let response = try await api.post("/v1/borrowers", Fixtures.borrower, key: nil)
            try await Self.expectProblem(response, .badRequest, "idempotency-key-missing", api: api, rowsBefore: 0)
        }
    }

    @Test func unknownRoutesMethodsAndLoansAreProblems() async throws {
        try await APITestHarness.run { api in
            let route = try await api.get("/v1/nothing-here")
            try await Self.expectProblem(route, .notFound, "not-found", api: api, rowsBefore: 0)
            let method = try await api.get("/v1/applications")
            try await Self.expectProblem(method, .methodNotAllowed, "method-not-allowed", api: api, rowsBefore: 0)
            #expect(method.headers[.allow] == "POST")
            let loan = try await api.post("/v1/loans/\(UUID().uuidString.lowercased())/submission", #"{"submitted_by":"x"}"#)
            try await Self.expectProblem(loan, .notFound, "stream-not-found", api: api, rowsBefore: 0)
            let notUUID = try await api.get("/v1/loans/not-a-uuid/events")
            try await Self.expectProblem(notUUID, .notFound, "not-found", api: api, rowsBefore: 0)
        }
    }
}

extension BadInputTests {
    @Test func anApprovalNeedsItsAmountAndOtherOutcomesRefuseOne() async throws {
        try await APITestHarness.run { api in
            let loan = try await Fixtures.openApplication(api)
            _ = try await api.post("/v1/loans/\(loan)/submission", #"{"submitted_by":"officer-1"}"#)
            let before = try await api.writtenRows()
            let approved = try await api.post("/v1/loans/\(loan)/decision", #"{"outcome":"approved","decided_by":"c","reason":"ok"}"#)
            try await Self.expectProblem(approved, .unprocessableContent, "validation", api: api, rowsBefore: before)
            #expect(try approved.pointers().contains("/approved_amount"))
            let declined = try await api.post("/v1/loans/\(loan)/decision",
                                              #"{"outcome":"declined","decided_by":"c","reason":"no","approved_amount":{"amount":"1.00","currency":"INR"}}"#)
            try await Self.expectProblem(declined, .unprocessableContent, "validation", api: api, rowsBefore: before)
        }
    }
}
