extension Emitter {
    /// Runs day-end for every date after the last one closed, through `date`.
    ///
    /// Day-end is idempotent per business date: accrual works from cumulative targets,
    /// penalty is keyed by date and installment, late fees are at most once per installment
    /// and classification is emitted only on change, so re-running a closed date emits nothing.
    mutating func closeDays(through date: LocalDate, _ context: DecisionContext) {
        guard let start = state.disbursedOn else { return }
        // Day-end has certainly run before the latest payment's date (recording a payment
        // closes the days before it), so quiet stretches before it need no second look.
        let paidThrough = state.repayments.map(\.effectiveDate).max() ?? start
        var day = max(start, paidThrough, state.closedThrough?.adding(days: 1) ?? start)
        while day <= date, state.status == .active {
            closeDay(day, context)
            day = day.adding(days: 1)
        }
    }

    /// Day-end for one business date, in the order a lender's batch runs it.
    mutating func closeDay(_ day: LocalDate, _ context: DecisionContext) {
        guard state.status == .active, let terms = state.terms, let currency = state.currency else { return }
        let m = { (units: Int64) in Money(minorUnits: units, currency: currency) }
        // 1. Held excess settles installments falling due today.
        allocate(on: day, source: .excess, paymentId: nil)
        // 2. Contractual interest, cumulative to the end of the day.
        let calc = AccrualCalculator(terms: terms)
        // Only installments whose period has begun and is not fully earned can accrue; the
        // filter keeps quiet days cheap on long loans.
        for inst in state.installments where inst.periodStart <= day && inst.charged.interest < inst.scheduled.interest {
            let delta = calc.interestEarned(by: inst.scheduled, through: day) - inst.charged.interest
            guard delta > 0 else { continue }
            emit(.accrualPosted(AccrualPosted(businessDate: day, accrualType: .interest,
                                              installmentNumber: inst.number, amount: m(delta))), on: day)
        }
        // 3. Penalty interest on each installment overdue at the end of the day.
        for inst in state.installments where inst.dueDate < day && inst.overdueBase > 0 {
            let key = LoanState.PenaltyKey(date: day, installment: inst.number)
            guard (state.penaltyAccruals[key] ?? 0) == 0 else { continue }
            let amount = calc.penalty(onOverdue: inst.overdueBase, for: day)
            guard amount > 0 else { continue }
            emit(.accrualPosted(AccrualPosted(businessDate: day, accrualType: .penaltyInterest,
                                              installmentNumber: inst.number, amount: m(amount))), on: day)
        }
        // 4. Late fees past the grace days.
        for (number, fee) in LateFeeAssessor(terms: terms).fees(for: state.installments, on: day) {
            emit(.chargeApplied(ChargeApplied(chargeId: context.makeID(), chargeType: .lateFee, installmentNumber: number,
                                              amount: m(fee), reason: "installment \(number) unpaid after grace period")),
                 on: day)
        }
        // 5. Delinquency bucket.
        classify(on: day, terms: terms)
        closeIfRepaid(on: day)
    }

    /// Emits `classification.changed` when the bucket at the end of `day` differs.
    mutating func classify(on day: LocalDate, terms: LoanProduct) {
        let result = DelinquencyClassifier(policy: terms.delinquency).classify(state.installments, on: day)
        guard result.bucket != state.bucket || result.npa != state.npa else { return }
        emit(.classificationChanged(ClassificationChanged(fromBucket: state.bucket, toBucket: result.bucket,
                                                          daysPastDue: result.daysPastDue, npa: result.npa, asOf: day)),
             on: day)
    }

    /// Applies unapplied money to what is due on `day` through the product's waterfall.
    mutating func allocate(on day: LocalDate, source: AllocationSource, paymentId: EntityID?) {
        let available = state.excess - reserved
        guard available > 0, let terms = state.terms, let currency = state.currency else { return }
        let lines = Waterfall(policy: terms.allocation).allocate(available, over: state.installments, on: day)
        guard !lines.isEmpty else { return }
        let total = lines.reduce(0) { $0 + $1.amount }
        let m = { (units: Int64) in Money(minorUnits: units, currency: currency) }
        emit(.repaymentAllocated(RepaymentAllocated(
            source: source, paymentId: paymentId, allocationDate: day,
            lines: lines.map { AllocationLine(installmentNumber: $0.installment, component: $0.component, amount: m($0.amount)) },
            total: m(total), excessAfter: m(state.excess - total))), on: day)
    }

    /// Closes a fully repaid loan, refunding the excess held on that day first (money of
    /// payments effective later, during a replay, is not the loan's to refund yet).
    mutating func closeIfRepaid(on day: LocalDate) {
        guard state.status == .active, state.isFullyRepaid, let currency = state.currency else { return }
        refundExcess(state.excess - reserved, on: day, currency: currency)
        emit(.loanClosed(LoanClosed(reason: .repaid, closedOn: day)), on: day)
    }

    /// Emits `excess.refunded` for a positive amount.
    mutating func refundExcess(_ units: Int64, on day: LocalDate, currency: Currency) {
        guard units > 0 else { return }
        emit(.excessRefunded(ExcessRefunded(amount: Money(minorUnits: units, currency: currency),
                                            reason: "loan repaid in full")), on: day)
    }
}
