import EventSchemas
import Lending

/// The JSON body of `GET /v1/loans/{loan_id}/state`: the loan's position, money as decimal strings.
enum LoanStateView {
    /// - Parameters:
    ///   - state: the folded state.
    ///   - loanID: the loan.
    ///   - version: the version of the last event folded.
    ///   - asOf: the cut-off and axis, echoed back, when the request had one.
    static func json(_ state: LoanState, loanID: String, version: Int, asOf: (String, String)?) -> JSONValue {
        let currency = state.currency ?? .INR
        func money(_ units: Int64) -> JSONValue {
            ["amount": .string(Money(minorUnits: units, currency: currency).decimalString), "currency": .string(currency.code)]
        }
        func components(_ c: Components) -> JSONValue {
            ["principal": money(c.principal), "interest": money(c.interest), "fees": money(c.fees),
             "penalty": money(c.penalty), "total": money(c.total)]
        }
        var body: [String: JSONValue] = [
            "loan_id": .string(loanID),
            "version": .number(JSONNumber(version)),
            "status": .string(state.status.rawValue),
            "product_code": .string(state.productCode),
            "requested_amount": money(state.requestedAmount),
            "approved_amount": money(state.approvedAmount),
            "sanctioned_amount": money(state.sanctionedAmount),
            "disbursed_amount": money(state.disbursedAmount),
            "installment_amount": money(state.installmentAmount),
            "outstanding": components(state.outstanding),
            "excess": money(state.excess),
            "bucket": .string(state.bucket),
            "days_past_due": .number(JSONNumber(state.daysPastDue)),
            "npa": .bool(state.npa),
            "installments": .array(state.installments.map { installment in
                ["number": .number(JSONNumber(installment.number)), "due_date": .string(installment.dueDate.description),
                 "outstanding": components(installment.outstanding), "paid": components(installment.paid)]
            }),
        ]
        if state.currency != nil { body["currency"] = .string(currency.code) }
        if let borrower = state.borrowerId { body["borrower_id"] = .string(borrower.description) }
        if let asOf { body["as_of"] = .string(asOf.0); body["axis"] = .string(asOf.1) }
        if let closedOn = state.closedOn { body["closed_on"] = .string(closedOn.description) }
        return .object(body)
    }
}
