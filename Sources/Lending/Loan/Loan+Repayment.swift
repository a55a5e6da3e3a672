extension Loan {
    /// Records a repayment: on time, or backdated with re-derivation.
    static func decideRepayment(id: EntityID, amount: Money, date: LocalDate, channel: String,
                                _ out: inout Emitter, _ context: DecisionContext) throws(LendingError) {
        let state = out.state
        try state.status.require(.service)
        let units = try positive(amount, in: state)
        try required(channel, field: "channel")
        guard !state.repayments.contains(where: { $0.id == id }) else {
            throw LendingError(.duplicate, "payment \(id) was already recorded", field: "payment_id")
        }
        guard date <= context.today else {
            throw LendingError(.dateOutOfOrder, "effective date \(date) is after today (\(context.today))", field: "effective_date")
        }
        guard let disbursedOn = state.disbursedOn, date >= disbursedOn else {
            throw LendingError(.dateOutOfOrder, "effective date \(date) is before the disbursement", field: "effective_date")
        }
        let payment = LoanState.Repayment(id: id, amount: units, effectiveDate: date, channel: channel)
        let latestPayment = state.repayments.map(\.effectiveDate).max()
        let backdated = (state.closedThrough.map { date <= $0 } ?? false) || (latestPayment.map { date < $0 } ?? false)
        if backdated {
            try out.rederive(from: date, inserting: payment, context)
        } else {
            out.closeDays(through: date.adding(days: -1), context)
            out.receive(payment)
            out.allocate(on: date, source: .payment, paymentId: id)
            out.settle(on: date)
        }
    }
}

extension Emitter {
    /// After money is applied: the bucket may improve at once, and the loan may be repaid.
    mutating func settle(on date: LocalDate) {
        if let terms = state.terms, state.status == .active { classify(on: date, terms: terms) }
        closeIfRepaid(on: date)
        autoPrepay(on: date)
    }

    /// Emits `repayment.received`.
    mutating func receive(_ payment: LoanState.Repayment) {
        guard let currency = state.currency else { return }
        emit(.repaymentReceived(RepaymentReceived(paymentId: payment.id,
                                                  amount: Money(minorUnits: payment.amount, currency: currency),
                                                  receivedOn: payment.effectiveDate, channel: payment.channel)),
             on: payment.effectiveDate)
    }
}
