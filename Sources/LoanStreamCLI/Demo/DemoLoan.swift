import EventSchemas
import Foundation
import Lending

/// One demo loan from application to its last repayment, through the HTTP API only.
struct DemoLoan: Sendable {
    let api: DemoAPI
    let tally: DemoTally
    let index: Int
    let today: LocalDate
    let months: Int

    struct Refused: Error {}

    var behaviour: DemoBehaviour { DemoBehaviour.of(loan: index) }
    var product: DemoProduct { DemoProduct.of(loan: index) }
    /// Disbursed `months` months ago, spread over four weeks so due dates differ.
    var disbursedOn: LocalDate { today.adding(months: -months).adding(days: -(index % 28)) }

    /// Runs the loan's life; returns the borrower so a second loan can reuse it.
    @discardableResult
    func run(borrower existing: String?) async throws -> String {
        let borrower: String
        if let existing { borrower = existing } else { borrower = try await register() }
        tally.loan(behaviour)
        let principal = product.money(major: product.amounts[index % product.amounts.count])
        let loan = try await id("application", "/v1/applications", [
            "borrower_id": .string(borrower), "product_code": .string(product.code), "requested_amount": principal,
            "requested_tenure": .number(JSONNumber(product.tenure)),
        ], field: "loan_id")
        let path = "/v1/loans/\(loan)"
        try await command("submission", "\(path)/submission", ["submitted_by": "demo-officer"], on: disbursedOn.adding(days: -3))
        guard behaviour != .declined else {
            try await command("decision", "\(path)/decision", ["outcome": "declined", "decided_by": "demo-credit", "reason": "bureau score below cut-off"], on: disbursedOn.adding(days: -2))
            return borrower
        }
        try await command("decision", "\(path)/decision", [
            "outcome": "approved", "decided_by": "demo-credit", "reason": "within policy", "approved_amount": principal,
        ], on: disbursedOn.adding(days: -2))
        try await command("sanction", "\(path)/sanction", [
            "sanctioned_amount": principal, "terms": product.terms, "valid_until": .string(disbursedOn.adding(days: 30).description),
        ], on: disbursedOn.adding(days: -1))
        let disbursement = UUID().uuidString.lowercased()
        try await command("disbursement", "\(path)/disbursements", ["disbursement_id": .string(disbursement), "amount": principal])
        try await command("disbursement-execution", "\(path)/disbursements/\(disbursement)/execution", [
            "value_date": .string(disbursedOn.description), "bank_reference": .string("UTR\(100_000 + index)"),
        ])
        try await DemoRepayments(loan: self, path: path).run()
        return borrower
    }

    private func register() async throws -> String {
        let id = try await id("borrower", "/v1/borrowers", [
            "full_name": .string("Demo Borrower \(index)"), "date_of_birth": .string("19\(70 + index % 30)-0\(1 + index % 9)-1\(index % 10)"),
            "mobile": .string("+9198\(String(format: "%08d", index))"),
        ], field: "borrower_id")
        try await command("kyc", "/v1/borrowers/\(id)/kyc", [
            "method": "aadhaar-ekyc", "reference": .string("KYC-\(index)"), "verified_on": .string(disbursedOn.adding(days: -8).description),
        ], on: disbursedOn.adding(days: -8))
        return id
    }

    /// Sends a command; a refusal is counted and ends this loan's script.
    func command(_ operation: String, _ path: String, _ body: JSONValue, on date: LocalDate? = nil) async throws {
        guard try await attempt(operation, path, body, on: date ?? disbursedOn) else { throw Refused() }
    }

    /// Sends a command whose refusal the loan can live with (counted, not fatal).
    @discardableResult
    func attempt(_ operation: String, _ path: String, _ body: JSONValue, on date: LocalDate? = nil) async throws -> Bool {
        let answer = try await api.post(path, body, businessDate: date)
        guard answer.ok else {
            tally.refused(operation, answer)
            return false
        }
        tally.accepted(operation)
        return true
    }

    private func id(_ operation: String, _ path: String, _ body: JSONValue, field: String) async throws -> String {
        let answer = try await api.post(path, body, businessDate: disbursedOn.adding(days: -10))
        guard answer.ok, let id = answer.body?[field]?.stringValue else {
            tally.refused(operation, answer)
            throw Refused()
        }
        tally.accepted(operation)
        return id
    }
}
