extension Loan {
    /// Applies held excess to principal and re-derives the future schedule.
    ///
    /// The installment in progress keeps its interest (it is being earned day by day on the
    /// balance the borrower had); its principal shrinks if the remaining balance is smaller.
    /// Later installments are rebuilt from the reduced balance: with `reduce_tenure` the
    /// installment amount stays and the loan ends sooner; with `reduce_installment` the count
    /// stays and each installment is recomputed.
    static func decidePrepayment(_ amount: Money, _ out: inout Emitter, _ context: DecisionContext) throws(LendingError) {
        try out.state.status.require(.service)
        let units = try positive(amount, in: out.state)
        let today = context.today
        out.closeDays(through: today.adding(days: -1), context)
        out.allocate(on: today, source: .excess, paymentId: nil)
        let state = out.state
        guard let terms = state.terms, let currency = state.currency, let anchor = state.disbursedOn else {
            throw LendingError(.invalidTransition, "the loan has no schedule")
        }
        let dueNow = state.installments.filter { $0.dueDate <= today }.reduce(0) { $0 + $1.outstanding.total }
        guard dueNow == 0 else {
            throw LendingError(.invalidTransition, "\(money(dueNow, state)) is overdue; it must be paid before a prepayment")
        }
        guard units <= state.excess else {
            throw LendingError(.invalidValue, "only \(money(state.excess, state)) is held as excess", field: "amount")
        }
        let future = state.installments.filter { $0.dueDate > today }.sorted { $0.number < $1.number }
        let futurePrincipal = future.reduce(0) { $0 + $1.outstanding.principal }
        guard let current = future.first, units <= futurePrincipal else {
            throw LendingError(.invalidValue, "the prepayment exceeds the \(money(futurePrincipal, state)) principal outstanding",
                               field: "amount")
        }
        let remaining = futurePrincipal - units
        var head = current.scheduled
        head.principal = min(head.principal, remaining)
        head.closingBalance = remaining - head.principal
        let builder = ScheduleBuilder(terms: terms)
        var rows = [head]
        if head.closingBalance > 0 {
            rows += builder.amortise(balance: head.closingBalance, count: max(future.count - 1, 1),
                                     firstNumber: head.number + 1, firstPeriod: head.number + 1, start: anchor,
                                     fixedEMI: terms.prepayment == .reduceTenure ? state.installmentAmount : nil)
        }
        out.emit(.prepaymentApplied(PrepaymentApplied(
            amount: amount, option: terms.prepayment,
            installments: rows.map { InstallmentData($0, currency: currency) })), on: today)
    }
}
