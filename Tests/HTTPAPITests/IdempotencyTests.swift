import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Idempotency-Key over HTTP")
struct IdempotencyTests {
    @Test func aRetryReplaysTheSameStatusAndBytes() async throws {
        try await APITestHarness.run { api in
            let first = try await api.post("/v1/borrowers", Fixtures.borrower, key: "register-asha")
            let rows = try await api.writtenRows()
            // Same members in another order and spacing: the canonical body is the same request.
            let reordered = #"{ "mobile":"+919800000001", "date_of_birth":"1990-04-02", "full_name":"Asha Rao" }"#
            let second = try await api.post("/v1/borrowers", reordered, key: "register-asha")
            #expect(first.status == .created)
            #expect(second.status == first.status)
            #expect(second.bytes == first.bytes)
            #expect(first.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(second.headers[.location] == first.headers[.location])
            #expect(first.headers[.eTag] == "\"1\"")
            #expect(try await api.writtenRows() == rows)
        }
    }

    @Test func theSameKeyWithAnotherBodyIs422() async throws {
        try await APITestHarness.run { api in
            _ = try await api.post("/v1/borrowers", Fixtures.borrower, key: "k1")
            let rows = try await api.writtenRows()
            let other = Fixtures.borrower.replacingOccurrences(of: "Asha Rao", with: "Ravi Rao")
            let response = try await api.post("/v1/borrowers", other, key: "k1")
            #expect(response.status == .unprocessableContent)
            #expect(try response.json()["type"]?.stringValue == "https://loanstream.dev/problems/idempotency-key-reused")
            #expect(try await api.writtenRows() == rows)
        }
    }

    @Test func keysAreScopedToTheCaller() async throws {
        try await APITestHarness.run { api in
            let alice = try await api.post("/v1/borrowers", Fixtures.borrower, key: "shared",
                                           token: APITestHarness.token(subject: "alice"))
            let bob = try await api.post("/v1/borrowers", Fixtures.borrower, key: "shared",
                                         token: APITestHarness.token(subject: "bob"))
            #expect(alice.status == .created)
            #expect(bob.status == .created)
            #expect(bob.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
            #expect(try alice.json()["borrower_id"] != bob.json()["borrower_id"])
        }
    }

    @Test func ifMatchWithAStaleVersionIs409() async throws {
        try await APITestHarness.run { api in
            let loan = try await Fixtures.openApplication(api)
            let rows = try await api.writtenRows()
            let stale = try await api.post("/v1/loans/\(loan)/submission", #"{"submitted_by":"officer-1"}"#,
                                           headers: [.ifMatch: "\"7\""])
            #expect(stale.status == .conflict)
            #expect(try stale.json()["type"]?.stringValue == "https://loanstream.dev/problems/version-mismatch")
            #expect(try await api.writtenRows() == rows)
            let current = try await api.post("/v1/loans/\(loan)/submission", #"{"submitted_by":"officer-1"}"#,
                                             headers: [.ifMatch: "\"1\""])
            #expect(current.status == .ok)
            #expect(current.headers[.eTag] == "\"2\"")
        }
    }
}

@Suite("Concurrent duplicates over HTTP")
struct ConcurrentDuplicateTests {
    @Test func concurrentRequestsWithOneKeyWriteOneEventAndAnswerAlike() async throws {
        try await APITestHarness.run { api in
            let loan = try await Fixtures.activeLoan(api)
            let body = #"{"payment_id":"00000000-0000-4000-8000-0000000000aa","amount":{"amount":"500.00","currency":"INR"},"effective_date":"2026-01-15","channel":"upi"}"#
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await api.post("/v1/loans/\(loan)/repayments", body, key: "pay-once") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Each answer's status, replay header and body, so a failure says which path answered oddly.
            let answers = responses.map {
                "\($0.status.code) replayed=\($0.headers[HTTPField.Name("Idempotent-Replayed")!] ?? "-") "
                    + String(decoding: $0.bytes.prefix(300), as: UTF8.self)
            }
            #expect(responses.allSatisfy { $0.status == .ok }, "\(answers)")
            #expect(Set(responses.map(\.bytes)).count == 1, "\(answers)")
            #expect(responses.filter { $0.headers[HTTPField.Name("Idempotent-Replayed")!] == nil }.count == 1)
            let events = try await api.get("/v1/loans/\(loan)/events")
            let types = try events.json()["events"]?.arrayValue?.compactMap { $0["event_type"]?.stringValue } ?? []
            #expect(types.filter { $0 == "repayment.received" }.count == 1)
        }
    }
}
