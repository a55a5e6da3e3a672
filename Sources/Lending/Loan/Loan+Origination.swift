extension Loan {
    /// Application, underwriting decision and sanction.
    static func decideOrigination(_ command: LoanCommand, _ out: inout Emitter, _ context: DecisionContext) throws(LendingError) {
        let state = out.state
        let today = context.today
        switch command {
        case .createApplication(let borrowerId, let productCode, let requested, let tenure):
            try state.status.require(.create)
            try required(productCode, field: "product_code")
            _ = try positive(requested, in: state, field: "requested_amount")
            guard (1...600).contains(tenure) else {
                throw LendingError(.invalidValue, "requested tenure must be 1 to 600 installments", field: "requested_tenure")
            }
            out.emit(.applicationCreated(ApplicationCreated(borrowerId: borrowerId, productCode: productCode,
                                                            requestedAmount: requested, requestedTenure: tenure)), on: today)
        case .submitApplication(let by):
            try state.status.require(.submit)
            try required(by, field: "submitted_by")
            out.emit(.applicationSubmitted(ApplicationSubmitted(submittedBy: by)), on: today)
        case .approve(let amount, let by, let reason):
            try state.status.require(.decide)
            try required(by, field: "decided_by")
            let units = try positive(amount, in: state, field: "approved_amount")
            guard units <= state.requestedAmount else {
                throw LendingError(.invalidValue, "cannot approve more than the \(money(state.requestedAmount, state)) requested",
                                   field: "approved_amount")
            }
            out.emit(.decisionApproved(DecisionApproved(approvedAmount: amount, decidedBy: by, reason: reason)), on: today)
        case .decline(let by, let reason):
            try state.status.require(.decide)
            try required(by, field: "decided_by")
            try required(reason, field: "reason")
            out.emit(.decisionDeclined(DecisionDeclined(decidedBy: by, reason: reason)), on: today)
        case .refer(let by, let reason):
            try state.status.require(.decide)
            guard state.status == .submitted else {
                throw LendingError(.invalidTransition, "the application is already referred")
            }
            try required(by, field: "decided_by")
            try required(reason, field: "reason")
            out.emit(.decisionReferred(DecisionReferred(decidedBy: by, reason: reason)), on: today)
        case .issueSanction(let amount, let terms, let validUntil):
            try state.status.require(.sanction)
            let units = try positive(amount, in: state, field: "sanctioned_amount")
            guard units <= state.approvedAmount else {
                throw LendingError(.exceedsSanction, "cannot sanction more than the \(money(state.approvedAmount, state)) approved",
                                   field: "sanctioned_amount")
            }
            guard terms.currency == state.currency else {
                throw LendingError(.currencyMismatch, "the product's currency differs from the loan's", field: "terms.currency")
            }
            try terms.validate()
            guard validUntil >= today else {
                throw LendingError(.dateOutOfOrder, "a sanction cannot expire before it is issued", field: "valid_until")
            }
            out.emit(.sanctionIssued(SanctionIssued(sanctionedAmount: amount, terms: terms, validUntil: validUntil)), on: today)
        default:
            break
        }
    }

    /// Formats minor units in the loan's currency for messages.
    static func money(_ units: Int64, _ state: LoanState) -> String {
        state.currency.map { Money(minorUnits: units, currency: $0).description } ?? String(units)
    }
}
