import EventSchemas
import EventStore
import Foundation
import HTTPAPI
import Lending
import LoanStreamTestSupport
import Testing

@Suite("Write side: cached loan states stay exact across processes")
struct StateCacheTests {
    @Test("a process whose cached state is behind folds the other process's events before deciding")
    func staleCacheCatchesUp() async throws {
        try await WriteSide.run { side in
            let loan = try await side.activeLoan()  // `side` now caches the loan at its current version
            let other = WriteSide(service: CommandService(store: EventStore(client: side.client, logger: ScratchDatabase.logger),
                                                          schemas: try RepositoryContracts.schemas.get(),
                                                          topics: try RepositoryContracts.topics.get(),
                                                          logger: ScratchDatabase.logger),
                                  client: side.client)
            func pay(_ n: Int, _ amount: String) -> CommandRequest.Target {
                .loan(loan, WriteSide.repayment(EntityID(String(format: "00000000-0000-4000-8000-%012d", 900 + n))!, amount))
            }
            try await other.execute(pay(1, "3000.00"))  // a second process appends behind the first one's cache
            try await side.execute(pay(2, "2000.00"))
            // Prepaying 5,000.00 needs both payments in the excess: refused if the first process missed one.
            let prepaid = try await side.execute(.loan(loan, .applyPrepayment(amount: WriteSide.money("5000.00"))))
            let events = try await side.scalar("SELECT count(*)::int8 FROM loan_event WHERE loan_id = '\(loan)'")
            #expect(prepaid.version == events, "the reply's version is the stream's true version")
            await #expect(throws: LendingError.self) {
                try await side.execute(.loan(loan, .applyPrepayment(amount: WriteSide.money("0.01"))))
            }
        }
    }
}
