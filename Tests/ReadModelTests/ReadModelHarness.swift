import EventSchemas
import EventStore
import Foundation
import HTTPAPI
import Lending
import LoanStreamTestSupport
import Logging
import PostgresNIO
import Projections

/// The write side and the read-model projection on one scratch database migrated with
/// `Migration.platform`: commands go through the real `CommandService`; their outbox rows (the
/// very messages the relay publishes) become `ProjectedEvent`s applied in transactions.
struct ReadModelHarness: Sendable {
    let service: CommandService
    let client: PostgresClient
    static let logger = Logger(label: "test.readmodels")

    static func run(_ body: @escaping @Sendable (ReadModelHarness) async throws -> Void) async throws {
        let schemas = try RepositoryContracts.schemas.get()
        let topics = try RepositoryContracts.topics.get()
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let store = EventStore(client: client, logger: logger)
            try await body(ReadModelHarness(service: CommandService(store: store, schemas: schemas, topics: topics, logger: logger),
                                            client: client))
        }
    }

    static func money(_ text: String) -> Money { try! Money.parse(text, currency: .INR) }
    static func date(_ text: String) -> LocalDate { LocalDate(text)! }

    /// Runs a command decided on `today`; returns the stream id and version it answered.
    @discardableResult
    func execute(_ target: CommandRequest.Target, today: LocalDate) async throws -> (id: UUID, version: Int) {
        let key = UUID().uuidString
        let reply = try await service.execute(CommandRequest(
            idempotencyScope: "tests", idempotencyKey: key, requestHash: key, target: target,
            traceID: "4bf92f3577b34da6a3ce929d0e0e4736", businessDate: today))
        let object = try JSONValue(parsing: reply.body)
        let id = UUID(uuidString: (object["loan_id"] ?? object["borrower_id"])?.stringValue ?? "")!
        return (id, Int(object["version"]?.numberValue?.int64 ?? 0))
    }

    func borrower(_ name: String, mobile: String = "+919800000001", on day: LocalDate) async throws -> UUID {
        try await execute(.newBorrower(.register(fullName: name, dateOfBirth: Self.date("1990-04-02"), mobile: mobile, email: nil)),
                          today: day).id
    }

    /// An application taken through disbursement on `day` (12 months at 12 %, product `PL`).
    func activeLoan(borrower: UUID, amount: String, on day: LocalDate, product: String = "PL",
                    configure: (inout LoanProduct) -> Void = { _ in }) async throws -> UUID {
        let loan = try await execute(.newLoan(.createApplication(borrowerId: EntityID(borrower), productCode: product,
                                                                 requestedAmount: Self.money(amount), requestedTenure: 12)),
                                     today: day).id
        var terms = LoanProduct(code: product, currency: .INR, annualRate: try Rate.parse("0.12"), tenure: 12)
        configure(&terms)
        let disbursement = EntityID.random()
        for command: LoanCommand in [
            .submitApplication(submittedBy: "officer-1"),
            .approve(amount: Self.money(amount), decidedBy: "credit-1", reason: "good file"),
            .issueSanction(amount: Self.money(amount), terms: terms, validUntil: day.adding(days: 30)),
            .createDisbursement(disbursementId: disbursement, amount: Self.money(amount)),
            .executeDisbursement(disbursementId: disbursement, valueDate: day, bankReference: "UTR-\(loan)"),
        ] {
            try await execute(.loan(loan, command), today: day)
        }
        return loan
    }

    /// An application that underwriting declines.
    func declinedApplication(borrower: UUID, on day: LocalDate, product: String = "PL") async throws -> UUID {
        let loan = try await execute(.newLoan(.createApplication(borrowerId: EntityID(borrower), productCode: product,
                                                                 requestedAmount: Self.money("20000.00"), requestedTenure: 6)),
                                     today: day).id
        try await execute(.loan(loan, .submitApplication(submittedBy: "officer-1")), today: day)
        try await execute(.loan(loan, .decline(decidedBy: "credit-1", reason: "thin file")), today: day)
        return loan
    }

    func closeDay(_ loan: UUID, _ day: LocalDate) async throws {
        try await execute(.loan(loan, .closeBusinessDay(day)), today: day)
    }

    func repay(_ loan: UUID, _ amount: String, on day: LocalDate, today: LocalDate? = nil) async throws {
        try await execute(.loan(loan, .recordRepayment(paymentId: EntityID.random(), amount: Self.money(amount),
                                                       effectiveDate: day, channel: "upi")), today: today ?? day)
    }

    /// The outbox rows with id > `after`, in id order, as the projector would receive them.
    func outboxEvents(after: Int64 = 0) async throws -> [ProjectedEvent] {
        let rows = try await client.query("""
            SELECT id, topic, key, headers::text, payload FROM outbox WHERE id > \(after) ORDER BY id
            """, logger: Self.logger)
        var events: [ProjectedEvent] = []
        for try await (id, topic, key, headers, payload) in rows.decode((Int64, String, String, String, String).self) {
            events.append(try OutboxMessage.projected(id: id, topic: topic, key: key, headers: headers, payload: payload))
        }
        return events
    }

    /// Applies events in batches of `batchSize`, each in its own transaction, as the framework does.
    func project(_ events: [ProjectedEvent], batchSize: Int = 50) async throws {
        let projection = ReadModelProjection()
        var start = 0
        while start < events.count {
            let batch = Array(events[start..<min(start + batchSize, events.count)])
            do {
                try await client.withTransaction(logger: Self.logger) { connection in
                    try await projection.apply(batch, connection: connection, logger: Self.logger)
                }
            } catch let error as PostgresTransactionError {
                // Like the framework, surface the projection's own error (the batch was rolled back).
                throw error.closureError ?? error
            }
            start += batchSize
        }
    }

    /// Projects every outbox row not projected yet (tracked by the caller through `after`).
    @discardableResult
    func projectAll(after: Int64 = 0, batchSize: Int = 50) async throws -> Int64 {
        let events = try await outboxEvents(after: after)
        try await project(events, batchSize: batchSize)
        return events.last?.offset ?? after
    }

    /// The loan's events from the event store, folded by the domain.
    func fold(_ loan: UUID) async throws -> (state: LoanState, version: Int, asOf: LocalDate?) {
        let rows = try await client.query("""
            SELECT version, event_type, effective_at, (payload->'data')::text FROM loan_event WHERE loan_id = \(loan) ORDER BY version
            """, logger: Self.logger)
        var state = LoanState()
        var version = 0
        var asOf: LocalDate?
        for try await (v, type, effectiveAt, data) in rows.decode((Int, String, Date, String).self) {
            let event = try LoanEvent.decode(type: type, data: Data(data.utf8), effectiveAt: effectiveAt)
            state.apply(event)
            version = v
            var day = event.effectiveDate
            if case .accrualPosted(let accrual) = event.payload { day = max(day, accrual.businessDate) }
            asOf = max(asOf ?? day, day)
        }
        return (state, version, asOf)
    }

    func int(_ sql: String) async throws -> Int { try await client.scalar(sql) }

    /// One row of a query as JSON (`SELECT to_jsonb(t)::text …`).
    func json(_ sql: String) async throws -> JSONValue? {
        let rows = try await client.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
        for try await text in rows.decode(String.self) { return try JSONValue(parsing: text) }
        return nil
    }

    /// A digest of the read-model tables' contents (cdc_outbox excluded: its rows follow batches).
    func readModelDigest() async throws -> [String: String] {
        var digests: [String: String] = [:]
        for table in ["loan_view", "borrower_view", "statement_line", "ledger_balance", "portfolio_daily"] {
            let rows = try await client.query(PostgresQuery(unsafeSQL:
                "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') || ':' || count(*) FROM \(table) t"),
                logger: Self.logger)
            for try await digest in rows.decode(String.self) { digests[table] = digest }
        }
        return digests
    }

    /// Empties the read models (not the event store), as before a rebuild.
    func truncateReadModels() async throws {
        try await client.query("""
            TRUNCATE loan_snapshot, loan_view, borrower_view, statement_line, ledger_balance, portfolio_daily, cdc_outbox
            """, logger: Self.logger)
    }
}
