extension Emitter {
    /// Inserts a payment effective on `start`, a date the books have already moved past.
    ///
    /// History is never edited. Everything a payment can change from `start` on — the
    /// allocations of that date and later, the late fees and penalty interest charged since —
    /// is reversed with compensating events (`repayment.allocation.reversed`,
    /// `charge.reversed`, `accrual.reversed`), and then the days from `start` are replayed
    /// with the payment in place: the same payments on their own dates, the same day-end
    /// steps, emitting what should have happened. Contractual interest does not depend on
    /// payments (it follows the schedule), so its accruals stand.
    ///
    /// - Throws: `LendingError.Code.dateOutOfOrder` when the schedule was re-derived by a
    ///   prepayment on or after `start`, or would be by an automatic prepayment whose
    ///   installments have already accrued (neither can be replayed faithfully).
    mutating func rederive(from start: LocalDate, inserting payment: LoanState.Repayment,
                           _ context: DecisionContext) throws(LendingError) {
        guard !state.rescheduledOn.contains(where: { $0 >= start }) else {
            throw LendingError(.dateOutOfOrder,
                               "a prepayment re-derived the schedule on or after \(start); backdating across it is refused",
                               field: "effective_date")
        }
        guard let currency = state.currency else { return }
        let m = { (units: Int64) in Money(minorUnits: units, currency: currency) }
        let closedThrough = state.closedThrough
        let reason = "re-derived for payment \(payment.id) effective \(start)"

        for allocation in state.allocations.reversed() where allocation.date >= start {
            emit(.repaymentAllocationReversed(RepaymentAllocationReversed(
                source: allocation.source, paymentId: allocation.paymentId, allocationDate: allocation.date,
                lines: allocation.lines, total: m(allocation.total), reason: reason)), on: allocation.date)
        }
        let lateFees = state.charges
            .filter { $0.value.type == .lateFee && $0.value.appliedOn >= start && $0.value.net > 0 && $0.value.waived == 0 }
            .sorted { ($0.value.appliedOn, $0.key) < ($1.value.appliedOn, $1.key) }
        for (id, charge) in lateFees {
            emit(.chargeReversed(ChargeReversed(chargeId: id, amount: m(charge.net), reason: reason)), on: charge.appliedOn)
        }
        let penalties = state.penaltyAccruals.filter { $0.key.date >= start && $0.value > 0 }
            .sorted { ($0.key.date, $0.key.installment) < ($1.key.date, $1.key.installment) }
        for (key, amount) in penalties {
            emit(.accrualReversed(AccrualReversed(businessDate: key.date, accrualType: .penaltyInterest,
                                                  installmentNumber: key.installment, amount: m(amount), reason: reason)),
                 on: key.date)
        }

        // Replay: existing payments keep their recorded order; the new one comes after any
        // recorded for the same date, as it would had it been recorded on time.
        let replayed = state.repayments.filter { $0.effectiveDate >= start } + [payment]
        let lastPayment = replayed.map(\.effectiveDate).max() ?? start
        let closeUpTo = max(closedThrough ?? start.adding(days: -1), lastPayment.adding(days: -1))
        reserved = replayed.filter { $0.id != payment.id }.reduce(0) { $0 + $1.amount }
        replayHorizon = closedThrough
        defer { reserved = 0; replayHorizon = nil }
        var day = start
        while day <= max(closeUpTo, lastPayment) {
            for p in replayed where p.effectiveDate == day {
                if p.id == payment.id { receive(p) } else { reserved -= p.amount }
                allocate(on: day, source: .payment, paymentId: p.id)
                settle(on: day)
            }
            if day <= closeUpTo { closeDay(day, context) }
            day = day.adding(days: 1)
        }
        // Payments effective after the replayed closure have nothing left to pay: refund them.
        if state.status == .closed { refundExcess(state.excess, on: lastPayment, currency: currency) }
        guard !replayConflict else {
            throw LendingError(.dateOutOfOrder,
                               "with the payment on \(start) the product would have prepaid principal and re-derived installments "
                               + "that have already accrued; record it as of today or reverse the later activity first",
                               field: "effective_date")
        }
    }
}
