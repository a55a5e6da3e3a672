extension Loan {
    /// Pays the loan off today from held excess.
    ///
    /// The borrower owes everything already due, all principal not yet due, and interest on
    /// the installment in progress only up to yesterday's day-end (what has accrued) — not the
    /// whole period. The schedule is re-derived so that one installment falls due today with
    /// exactly that, the waterfall settles it from the excess, and the loan closes (any money
    /// left over is refunded).
    ///
    /// - Throws: `LendingError` when the loan is not active, nothing is left to foreclose, or
    ///   the excess held does not cover the payoff amount (the message states both).
    static func decideForeclosure(_ out: inout Emitter, _ context: DecisionContext) throws(LendingError) {
        try out.state.status.require(.service)
        let today = context.today
        out.closeDays(through: today.adding(days: -1), context)
        out.allocate(on: today, source: .excess, paymentId: nil)
        let state = out.state
        guard let currency = state.currency else { return }
        let future = state.installments.filter { $0.dueDate > today }.sorted { $0.number < $1.number }
        guard let current = future.first else {
            throw LendingError(.invalidTransition, "every installment is already due; pay what is due instead of foreclosing")
        }
        let dueNow = state.installments.filter { $0.dueDate <= today }.reduce(0) { $0 + $1.outstanding.total }
        let principal = future.reduce(0) { $0 + $1.outstanding.principal }
        let fees = future.reduce(0) { $0 + $1.outstanding.fees + $1.outstanding.penalty }
        let payoff = dueNow + principal + current.charged.interest - current.paid.interest + fees
        guard state.excess >= payoff else {
            throw LendingError(.invalidValue,
                               "foreclosing today needs \(money(payoff, state)); \(money(state.excess, state)) is held",
                               field: "amount")
        }
        var row = current.scheduled
        row.dueDate = today
        row.principal = principal
        row.interest = current.charged.interest
        // Fees charged to later installments move onto this one, so nothing charged is lost.
        row.fees = current.scheduled.fees + future.dropFirst().reduce(0) { $0 + $1.charged.fees }
        row.closingBalance = 0
        out.emit(.prepaymentApplied(PrepaymentApplied(amount: .zero(currency), option: .foreclosure,
                                                      installments: [InstallmentData(row, currency: currency)])), on: today)
        out.allocate(on: today, source: .excess, paymentId: nil)
        out.settle(on: today)
    }
}
