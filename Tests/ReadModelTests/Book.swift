import Foundation
import Lending

/// A small, known book driven through the write side:
/// - borrower Asha: loan X (100,000.00 INR, disbursed 2026-01-15, never repaid) and loan Y
///   (50,000.00 INR, disbursed 2026-02-10, 100.00 repaid on 2026-03-15); both closed through 2026-03-20;
/// - borrower Ravi: application Z, declined on 2026-01-20.
struct Book: Sendable {
    var asha: UUID
    var ravi: UUID
    var x: UUID
    var y: UUID
    var z: UUID

    static let lastDay = LocalDate("2026-03-20")!

    static func open(_ h: ReadModelHarness) async throws -> Book {
        let d = ReadModelHarness.date
        let asha = try await h.borrower("Asha Rao", on: d("2026-01-10"))
        let ravi = try await h.borrower("Ravi Kumar", mobile: "+919800000002", on: d("2026-01-10"))
        try await h.execute(.borrower(asha, .completeKYC(method: "ckyc", reference: "CKYC-1", verifiedOn: d("2026-01-11"))),
                            today: d("2026-01-11"))
        let x = try await h.activeLoan(borrower: asha, amount: "100000.00", on: d("2026-01-15"))
        let z = try await h.declinedApplication(borrower: ravi, on: d("2026-01-20"))
        let y = try await h.activeLoan(borrower: asha, amount: "50000.00", on: d("2026-02-10"))
        try await h.closeDay(x, lastDay)
        try await h.closeDay(y, d("2026-03-14"))
        try await h.repay(y, "100.00", on: d("2026-03-15"))
        try await h.closeDay(y, lastDay)
        return Book(asha: asha, ravi: ravi, x: x, y: y, z: z)
    }

    var loans: [UUID] { [x, y, z] }
}
