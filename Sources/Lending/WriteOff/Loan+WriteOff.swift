extension Loan {
    /// Write-off, recovery after write-off, and closing a written-off account.
    static func decideWriteOff(_ command: LoanCommand, _ out: inout Emitter, _ context: DecisionContext) throws(LendingError) {
        let state = out.state
        let today = context.today
        switch command {
        case .writeOff(let reason):
            try state.status.require(.writeOff)
            try required(reason, field: "reason")
            out.closeDays(through: today.adding(days: -1), context)
            guard let terms = out.state.terms, let currency = state.currency else { return }
            let status = DelinquencyClassifier(policy: terms.delinquency).classify(out.state.installments, on: today)
            guard status.daysPastDue >= terms.writeOff.minDaysPastDue, status.npa || !terms.writeOff.requiresNpa else {
                throw LendingError(.writeOffNotAllowed,
                                   "the loan is \(status.daysPastDue) days past due; the product writes off from \(terms.writeOff.minDaysPastDue)\(terms.writeOff.requiresNpa ? " and only non-performing loans" : "")")
            }
            // Everything recognised and unpaid goes, including interest accrued but not yet due.
            let o = out.state.installments.reduce(into: Components()) { sum, inst in
                let left = inst.charged - inst.paid
                for c in Component.allCases { sum[c] += left[c] }
            }
            let m = { (units: Int64) in Money(minorUnits: units, currency: currency) }
            out.emit(.writeoffApplied(WriteoffApplied(principal: m(o.principal), interest: m(o.interest), fees: m(o.fees),
                                                      penalty: m(o.penalty), total: m(o.total), reason: reason)), on: today)
        case .recordRecovery(let id, let amount, let receivedOn):
            try state.status.require(.recover)
            _ = try positive(amount, in: state)
            guard !state.recoveryIds.contains(id) else {
                throw LendingError(.duplicate, "recovery \(id) was already recorded", field: "recovery_id")
            }
            guard receivedOn <= today, receivedOn >= (state.writtenOffOn ?? receivedOn) else {
                throw LendingError(.dateOutOfOrder, "a recovery is received after the write-off and not in the future",
                                   field: "received_on")
            }
            out.emit(.recoveryReceived(RecoveryReceived(recoveryId: id, amount: amount, receivedOn: receivedOn)), on: receivedOn)
        case .closeWrittenOff:
            try state.status.require(.close)
            out.emit(.loanClosed(LoanClosed(reason: .writtenOff, closedOn: today)), on: today)
        default:
            break
        }
    }
}
