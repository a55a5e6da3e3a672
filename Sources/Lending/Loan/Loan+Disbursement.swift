extension Loan {
    /// Payout instruction, execution (which activates the loan) and failure.
    static func decideDisbursement(_ command: LoanCommand, _ out: inout Emitter, _ context: DecisionContext) throws(LendingError) {
        let state = out.state
        switch command {
        case .createDisbursement(let id, let amount):
            try state.status.require(.createDisbursement)
            let units = try positive(amount, in: state)
            guard units <= state.sanctionedAmount else {
                throw LendingError(.exceedsSanction,
                                   "cannot disburse \(amount) against a sanction of \(money(state.sanctionedAmount, state))",
                                   field: "amount")
            }
            if let validUntil = state.sanctionValidUntil, context.today > validUntil {
                throw LendingError(.invalidTransition, "the sanction expired on \(validUntil); issue a new sanction")
            }
            guard !state.disbursementIds.contains(id) else {
                throw LendingError(.duplicate, "disbursement \(id) was already used", field: "disbursement_id")
            }
            out.emit(.disbursementCreated(DisbursementCreated(disbursementId: id, amount: amount)), on: context.today)
        case .failDisbursement(let id, let reason):
            try state.status.require(.failDisbursement)
            try pending(id, state)
            try required(reason, field: "reason")
            out.emit(.disbursementFailed(DisbursementFailed(disbursementId: id, reason: reason)), on: context.today)
        case .executeDisbursement(let id, let valueDate, let reference):
            try state.status.require(.executeDisbursement)
            try pending(id, state)
            try required(reference, field: "bank_reference")
            guard valueDate <= context.today else {
                throw LendingError(.dateOutOfOrder, "value date \(valueDate) is after today", field: "value_date")
            }
            if let sanctionedOn = state.sanctionedOn, valueDate < sanctionedOn {
                throw LendingError(.dateOutOfOrder, "value date \(valueDate) is before the sanction (\(sanctionedOn))",
                                   field: "value_date")
            }
            try activate(id: id, valueDate: valueDate, reference: reference, &out)
        default:
            break
        }
    }

    private static func pending(_ id: EntityID, _ state: LoanState) throws(LendingError) {
        guard state.pendingDisbursement == id else {
            throw LendingError(.unknownReference, "disbursement \(id) is not the one pending on this loan", field: "disbursement_id")
        }
    }

    /// Emits `disbursement.executed` and `loan.activated` with the schedule from the value date.
    private static func activate(id: EntityID, valueDate: LocalDate, reference: String, _ out: inout Emitter) throws(LendingError) {
        guard let terms = out.state.terms, let currency = out.state.currency else {
            throw LendingError(.invalidTransition, "the loan has no sanctioned terms")
        }
        let principal = out.state.pendingDisbursementAmount
        let fee = terms.processingFee.fee(on: principal, currency: currency, rounding: terms.rounding)
        let deducted = terms.processingFeeCollection == .deductedFromDisbursement
        guard fee < principal else {
            throw LendingError(.invalidTerms, "the processing fee would consume the whole disbursement", field: "processing_fee")
        }
        let rows = try ScheduleBuilder(terms: terms).schedule(principal: principal, start: valueDate,
                                                              firstInstallmentFees: deducted ? 0 : fee)
        let m = { (units: Int64) in Money(minorUnits: units, currency: currency) }
        out.emit(.disbursementExecuted(DisbursementExecuted(
            disbursementId: id, amount: m(principal), processingFee: m(fee), netAmount: m(deducted ? principal - fee : principal),
            valueDate: valueDate, bankReference: reference)), on: valueDate)
        let emi = ScheduleBuilder(terms: terms).installmentAmount(balance: principal, count: terms.tenure)
        out.emit(.loanActivated(LoanActivated(
            principal: m(principal), firstDueDate: rows[0].dueDate, maturityDate: rows[rows.count - 1].dueDate,
            installmentAmount: m(emi), installments: rows.map { InstallmentData($0, currency: currency) })), on: valueDate)
    }
}
