import EventSchemas
import EventStore
import Foundation
import HTTPAPI
import Lending
import LoanStreamTestSupport
import Testing

@Suite("Write side: refusals write nothing")
struct RefusalTests {
    @Test("a domain refusal (repaying a loan that was never disbursed) writes nothing")
    func domainRefusal() async throws {
        try await WriteSide.run { side in
            let loan = try await side.execute(.newLoan(.createApplication(borrowerId: EntityID("00000000-0000-4000-8000-000000000009")!,
                                                                          productCode: "PL", requestedAmount: WriteSide.money("1000.00"),
                                                                          requestedTenure: 6))).id
            let before = try await side.scalar("SELECT count(*)::int8 FROM loan_event")
            let pay = WriteSide.repayment(EntityID("00000000-0000-4000-8000-0000000000cc")!, "10.00")
            await #expect(throws: LendingError.self) { try await side.service.execute(side.request(.loan(loan, pay), key: "refused")) }
            #expect(try await side.scalar("SELECT count(*)::int8 FROM loan_event") == before)
            #expect(try await side.scalar("SELECT count(*)::int8 FROM idempotency_key WHERE key = 'refused'") == 0)
        }
    }

    @Test("If-Match with a stale version answers a version mismatch and writes nothing")
    func staleIfMatch() async throws {
        try await WriteSide.run { side in
            let loan = try await side.execute(.newLoan(.createApplication(borrowerId: EntityID("00000000-0000-4000-8000-000000000009")!,
                                                                          productCode: "PL", requestedAmount: WriteSide.money("1000.00"),
                                                                          requestedTenure: 6))).id
            await #expect {
                try await side.service.execute(side.request(.loan(loan, .submitApplication(submittedBy: "x")), expectedVersion: 7))
            } throws: { ($0 as? CommandError)?.code == .versionMismatch(expected: 7, actual: 1) }
            #expect(try await side.scalar("SELECT count(*)::int8 FROM loan_event") == 1)
        }
    }

    @Test("an unknown loan is reported as not found")
    func unknownLoan() async throws {
        try await WriteSide.run { side in
            await #expect { try await side.service.execute(side.request(.loan(UUID(), .foreclose))) } throws: {
                ($0 as? CommandError)?.code == .streamNotFound
            }
        }
    }

    @Test("an event its own schema refuses is a bug: error id, nothing written")
    func producedEventRefused() async throws {
        // A registry whose application.created schema demands a field the domain never sends.
        var files = try SchemaRegistry.readFiles(directory: RepositoryContracts.root.appendingPathComponent("Schemas"))
        let path = files.keys.first { $0.hasSuffix("application.created/v1.json") }!
        files[path] = files[path]!.replacingOccurrences(of: #""required": ["#, with: #""required": ["never_sent", "#)
        let strict = try SchemaRegistry(files: files)
        try await WriteSide.run(schemas: strict) { side in
            await #expect {
                try await side.execute(.newLoan(.createApplication(borrowerId: EntityID("00000000-0000-4000-8000-000000000009")!,
                                                                   productCode: "PL", requestedAmount: WriteSide.money("1000.00"),
                                                                   requestedTenure: 6)))
            } throws: { error in
                guard case .invalidEvent(let id)? = (error as? CommandError)?.code else { return false }
                return !id.isEmpty
            }
            for table in ["loan_event", "journal_entry", "outbox", "idempotency_key"] {
                let rows = try await side.scalar("SELECT count(*)::int8 FROM \(table)")
                #expect(rows == 0, "\(table)")
            }
        }
    }
}
