import EventSchemas
import EventStore
import Foundation
import HTTPAPI
import Lending
import LoanStreamTestSupport
import Logging
import PostgresNIO

/// The command service on a scratch database, with the repository's real Schemas/ and Topics/.
struct WriteSide: Sendable {
    let service: CommandService
    let client: PostgresClient
    static let today = LocalDate("2026-01-15")!

    static func run(schemas: SchemaRegistry? = nil, _ body: @escaping @Sendable (WriteSide) async throws -> Void) async throws {
        let schemas = try schemas ?? RepositoryContracts.schemas.get()
        let topics = try RepositoryContracts.topics.get()
        try await ScratchDatabase.migrated { client in
            let store = EventStore(client: client, logger: ScratchDatabase.logger)
            try await body(WriteSide(service: CommandService(store: store, schemas: schemas, topics: topics, logger: ScratchDatabase.logger),
                                     client: client))
        }
    }

    static func money(_ text: String) -> Money { try! Money.parse(text, currency: .INR) }

    /// A UPI repayment of `amount` INR on ``today`` with payment id `paymentID`.
    static func repayment(_ paymentID: EntityID, _ amount: String) -> LoanCommand {
        .recordRepayment(paymentId: paymentID, amount: money(amount), effectiveDate: today, channel: "upi")
    }

    func request(_ target: CommandRequest.Target, key: String = UUID().uuidString, hash: String? = nil,
                 expectedVersion: Int? = nil, today: LocalDate = WriteSide.today) -> CommandRequest {
        CommandRequest(idempotencyScope: "tests", idempotencyKey: key, requestHash: hash ?? key, target: target,
                       expectedVersion: expectedVersion, traceID: "4bf92f3577b34da6a3ce929d0e0e4736", businessDate: today)
    }

    /// Runs a command and returns the stream id and version it answered.
    @discardableResult
    func execute(_ target: CommandRequest.Target, key: String = UUID().uuidString) async throws -> (id: UUID, version: Int) {
        let reply = try await service.execute(request(target, key: key))
        let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as! [String: Any]
        let id = UUID(uuidString: (object["loan_id"] ?? object["borrower_id"]) as! String)!
        return (id, object["version"] as! Int)
    }

    /// An active loan of 100,000.00 INR over 12 months at 12 %, disbursed today.
    func activeLoan() async throws -> UUID {
        let borrower = try await execute(.newBorrower(.register(fullName: "Asha Rao", dateOfBirth: LocalDate("1990-04-02")!,
                                                                 mobile: "+919800000001", email: nil))).id
        let loan = try await execute(.newLoan(.createApplication(borrowerId: EntityID(borrower.uuidString.lowercased())!, productCode: "PL",
                                                                 requestedAmount: Self.money("100000.00"), requestedTenure: 12))).id
        let terms = LoanProduct(code: "PL", currency: .INR, annualRate: try Rate.parse("0.12"), tenure: 12)
        for command: LoanCommand in [
            .submitApplication(submittedBy: "officer-1"),
            .approve(amount: Self.money("100000.00"), decidedBy: "credit-1", reason: "good file"),
            .issueSanction(amount: Self.money("100000.00"), terms: terms, validUntil: LocalDate("2026-02-15")!),
            .createDisbursement(disbursementId: EntityID("00000000-0000-4000-8000-000000000001")!, amount: Self.money("100000.00")),
            .executeDisbursement(disbursementId: EntityID("00000000-0000-4000-8000-000000000001")!, valueDate: Self.today,
                                 bankReference: "UTR1"),
        ] {
            try await execute(.loan(loan, command))
        }
        return loan
    }

    func scalar(_ sql: String) async throws -> Int {
        try await client.scalar(sql)
    }
}
