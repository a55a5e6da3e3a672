extension Loan {
    /// Applies held excess to principal today, on the borrower's instruction.
    static func decidePrepayment(_ amount: Money, _ out: inout Emitter, _ context: DecisionContext) throws(LendingError) {
        try out.state.status.require(.service)
        let units = try positive(amount, in: out.state)
        let today = context.today
        out.closeDays(through: today.adding(days: -1), context)
        out.allocate(on: today, source: .excess, paymentId: nil)
        try out.prepay(units, on: today)
    }
}

extension Emitter {
    /// The most excess a prepayment on `date` could apply: nothing while anything due is
    /// unpaid, else the unreserved excess up to the principal not yet due.
    func prepayable(on date: LocalDate) -> Int64 {
        let dueNow = state.installments.filter { $0.dueDate <= date }.reduce(0) { $0 + $1.outstanding.total }
        let future = state.installments.filter { $0.dueDate > date }
        guard dueNow == 0, !future.isEmpty else { return 0 }
        return min(state.excess - reserved, future.reduce(0) { $0 + $1.outstanding.principal })
    }

    /// Applies excess to principal and re-derives the future schedule.
    ///
    /// The installment in progress keeps its interest (it is being earned day by day on the
    /// balance the borrower had); its principal shrinks if the remaining balance is smaller.
    /// Later installments are rebuilt from the reduced balance: with `reduce_tenure` the
    /// installment amount stays and the loan ends sooner; with `reduce_installment` the count
    /// stays and each installment is recomputed.
    ///
    /// - Throws: `LendingError` when something due is unpaid, the excess is short, or the
    ///   amount exceeds the principal not yet due.
    mutating func prepay(_ units: Int64, on date: LocalDate) throws(LendingError) {
        guard let terms = state.terms, let currency = state.currency, let anchor = state.disbursedOn else {
            throw LendingError(.invalidTransition, "the loan has no schedule")
        }
        let money = { (u: Int64) in Money(minorUnits: u, currency: currency).description }
        let dueNow = state.installments.filter { $0.dueDate <= date }.reduce(0) { $0 + $1.outstanding.total }
        guard dueNow == 0 else {
            throw LendingError(.invalidTransition, "\(money(dueNow)) is overdue; it must be paid before a prepayment")
        }
        guard units <= state.excess - reserved else {
            throw LendingError(.invalidValue, "only \(money(state.excess - reserved)) is held as excess", field: "amount")
        }
        let future = state.installments.filter { $0.dueDate > date }.sorted { $0.number < $1.number }
        let futurePrincipal = future.reduce(0) { $0 + $1.outstanding.principal }
        guard let current = future.first, units <= futurePrincipal else {
            throw LendingError(.invalidValue, "the prepayment exceeds the \(money(futurePrincipal)) principal outstanding",
                               field: "amount")
        }
        let remaining = futurePrincipal - units
        var head = current.scheduled
        head.principal = min(head.principal, remaining)
        head.closingBalance = remaining - head.principal
        var rows = [head]
        if head.closingBalance > 0 {
            rows += ScheduleBuilder(terms: terms).amortise(
                balance: head.closingBalance, count: max(future.count - 1, 1), firstNumber: head.number + 1,
                firstPeriod: head.number + 1, start: anchor,
                fixedEMI: terms.prepayment == .reduceTenure ? state.installmentAmount : nil)
        }
        emit(.prepaymentApplied(PrepaymentApplied(
            amount: Money(minorUnits: units, currency: currency), option: PrepaymentKind(terms.prepayment),
            installments: rows.map { InstallmentData($0, currency: currency) })), on: date)
    }

    /// For products that prepay automatically: applies whatever excess is left after a
    /// payment to principal on the payment's date.
    mutating func autoPrepay(on date: LocalDate) {
        guard state.status == .active, state.terms?.excessApplication == .prepayImmediately else { return }
        let amount = prepayable(on: date)
        guard amount > 0 else { return }
        if let horizon = replayHorizon, let next = state.installments.filter({ $0.dueDate > date }).map(\.dueDate).min(),
           horizon >= next {
            replayConflict = true
            return
        }
        // prepayable() checked every condition prepay() refuses, so this cannot throw.
        try? prepay(amount, on: date)
    }
}
