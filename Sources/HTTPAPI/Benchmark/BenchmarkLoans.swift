import Foundation
import Lending

/// Active loans for the command benchmark, created through ``CommandService`` directly (no HTTP):
/// borrower, application, submission, approval, sanction, disbursement and its execution.
public enum BenchmarkLoans {
    /// Creates `count` active loans of 1,000,000.00 INR over 24 months, disbursed on `today`,
    /// `concurrency` at a time.
    ///
    /// - Parameters:
    ///   - count: how many loans.
    ///   - concurrency: loans set up in parallel.
    ///   - service: the write side.
    ///   - today: the business date every command is decided on.
    /// - Returns: the loans' ids.
    /// - Throws: the first command that fails.
    public static func create(count: Int, concurrency: Int, service: CommandService, today: LocalDate) async throws -> [UUID] {
        try await withThrowingTaskGroup(of: [UUID].self) { group in
            let workers = max(1, min(concurrency, count))
            for worker in 0..<workers {
                group.addTask {
                    var ids: [UUID] = []
                    for _ in stride(from: worker, to: count, by: workers) {
                        ids.append(try await activeLoan(service: service, today: today))
                    }
                    return ids
                }
            }
            var all: [UUID] = []
            for try await ids in group { all += ids }
            return all
        }
    }

    private static func activeLoan(service: CommandService, today: LocalDate) async throws -> UUID {
        let amount = try Money.parse("1000000.00", currency: .INR)
        let borrower = try await execute(.newBorrower(.register(fullName: "Bench Borrower", dateOfBirth: LocalDate("1990-04-02")!,
                                                                mobile: "+919800000001", email: nil)), service, today)
        let loan = try await execute(.newLoan(.createApplication(borrowerId: EntityID(borrower.uuidString.lowercased())!, productCode: "PL",
                                                                 requestedAmount: amount, requestedTenure: 24)), service, today)
        let terms = LoanProduct(code: "PL", currency: .INR, annualRate: try Rate.parse("0.12"), tenure: 24)
        let disbursement = EntityID(UUID().uuidString.lowercased())!
        for command: LoanCommand in [
            .submitApplication(submittedBy: "bench-officer"),
            .approve(amount: amount, decidedBy: "bench-credit", reason: "benchmark"),
            .issueSanction(amount: amount, terms: terms, validUntil: today.adding(days: 30)),
            .createDisbursement(disbursementId: disbursement, amount: amount),
            .executeDisbursement(disbursementId: disbursement, valueDate: today, bankReference: "BENCH"),
        ] {
            _ = try await execute(.loan(loan, command), service, today)
        }
        return loan
    }

    /// Runs one command and returns the id of the stream it answered for.
    private static func execute(_ target: CommandRequest.Target, _ service: CommandService, _ today: LocalDate) async throws -> UUID {
        let key = UUID().uuidString
        let reply = try await service.execute(CommandRequest(idempotencyScope: "bench-setup", idempotencyKey: key, requestHash: key,
                                                             target: target, traceID: "4bf92f3577b34da6a3ce929d0e0e4736",
                                                             businessDate: today))
        let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
        guard let text = (object?["loan_id"] ?? object?["borrower_id"]) as? String, let id = UUID(uuidString: text) else {
            throw BenchmarkError("a setup command answered without a stream id: \(String(decoding: reply.body, as: UTF8.self))")
        }
        return id
    }
}

/// A benchmark that could not run (setup refused, pgbench failed, the server never came up).
public struct BenchmarkError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) { self.description = description }
}
