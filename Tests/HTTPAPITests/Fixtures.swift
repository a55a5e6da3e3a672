import EventSchemas
import Foundation
import HummingbirdTesting
import Testing

/// Request bodies and multi-step set-ups shared by the HTTP tests.
enum Fixtures {
    static let borrower = #"{"full_name":"Asha Rao","date_of_birth":"1990-04-02","mobile":"+919800000001"}"#

    static func application(borrower: String, amount: String = "100000.00", currency: String = "INR") -> String {
        #"{"borrower_id":"\#(borrower)","product_code":"PL-12M","requested_amount":{"amount":"\#(amount)","currency":"\#(currency)"},"requested_tenure":12}"#
    }

    static let terms = #"""
    {"code":"PL-12M","currency":"INR","annual_rate":"0.12","interest_method":"emi","interest_basis":"periodic",
     "day_count":"act365f","frequency":"monthly","tenure":12,"grace_periods":0,"rounding":"half_even",
     "processing_fee":{"kind":"percent","rate":"0.01"},"processing_fee_collection":"deducted_from_disbursement",
     "penalty_rate":"0.02","allocation":{"order":["penalty","fees","interest","principal"],"strategy":"installment_first"},
     "prepayment":"reduce_tenure","excess_application":"hold_for_installments",
     "delinquency":{"buckets":[{"name":"current","from_days":0},{"name":"sma-0","from_days":1},{"name":"sma-1","from_days":31}],"npa_from_days":90},
     "write_off":{"min_days_past_due":180,"requires_npa":true}}
    """#

    static let disbursementID = "00000000-0000-4000-8000-00000000d15b"

    /// Registers a borrower over HTTP and returns its id.
    static func registerBorrower(_ api: APITestHarness) async throws -> String {
        let response = try await api.post("/v1/borrowers", borrower)
        #expect(response.status == .created)
        return try #require(try response.json()["borrower_id"]?.stringValue)
    }

    /// Opens an application over HTTP and returns the loan id.
    static func openApplication(_ api: APITestHarness) async throws -> String {
        let borrower = try await registerBorrower(api)
        let response = try await api.post("/v1/applications", application(borrower: borrower))
        #expect(response.status == .created)
        return try #require(try response.json()["loan_id"]?.stringValue)
    }

    /// Takes an application through submission, approval and sanction; returns the loan id.
    static func sanctionedLoan(_ api: APITestHarness) async throws -> String {
        let loan = try await openApplication(api)
        for (path, body) in [
            ("submission", #"{"submitted_by":"officer-1"}"#),
            ("decision", #"{"outcome":"approved","decided_by":"credit-1","reason":"good file","approved_amount":{"amount":"100000.00","currency":"INR"}}"#),
            ("sanction", #"{"sanctioned_amount":{"amount":"100000.00","currency":"INR"},"valid_until":"2026-02-15","terms":\#(terms)}"#),
        ] {
            let response = try await api.post("/v1/loans/\(loan)/\(path)", body)
            #expect(response.status == .ok, "\(path): \(String(decoding: response.bytes, as: UTF8.self))")
        }
        return loan
    }

    /// A sanctioned loan, disbursed and activated on the test's business date; returns the loan id.
    static func activeLoan(_ api: APITestHarness) async throws -> String {
        let loan = try await sanctionedLoan(api)
        let created = try await api.post("/v1/loans/\(loan)/disbursements",
                                         #"{"disbursement_id":"\#(disbursementID)","amount":{"amount":"100000.00","currency":"INR"}}"#)
        #expect(created.status == .ok, "\(String(decoding: created.bytes, as: UTF8.self))")
        let executed = try await api.post("/v1/loans/\(loan)/disbursements/\(disbursementID)/execution",
                                          #"{"value_date":"2026-01-15","bank_reference":"UTR0001"}"#)
        #expect(executed.status == .ok, "\(String(decoding: executed.bytes, as: UTF8.self))")
        return loan
    }
}
