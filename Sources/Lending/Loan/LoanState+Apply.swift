extension LoanState {
    /// Applies one event. Events are facts: apply never refuses, it records.
    ///
    /// - Parameter event: The next event of this loan.
    public mutating func apply(_ event: LoanEvent) {
        let date = event.effectiveDate
        switch event.payload {
        case .applicationCreated(let e):
            status = .draft
            borrowerId = e.borrowerId
            currency = e.requestedAmount.currency
            productCode = e.productCode
            requestedAmount = e.requestedAmount.minorUnits
        case .applicationSubmitted:
            status = .submitted
        case .decisionApproved(let e):
            status = .approved
            approvedAmount = e.approvedAmount.minorUnits
        case .decisionDeclined:
            status = .declined
        case .decisionReferred:
            status = .referred
        case .sanctionIssued(let e):
            status = .sanctioned
            sanctionedAmount = e.sanctionedAmount.minorUnits
            terms = e.terms
            sanctionedOn = date
            sanctionValidUntil = e.validUntil
        case .disbursementCreated(let e):
            status = .disbursing
            pendingDisbursement = e.disbursementId
            pendingDisbursementAmount = e.amount.minorUnits
            disbursementIds.insert(e.disbursementId)
        case .disbursementFailed:
            status = .sanctioned
            pendingDisbursement = nil
            pendingDisbursementAmount = 0
        case .disbursementExecuted(let e):
            pendingDisbursement = nil
            pendingDisbursementAmount = 0
            disbursedAmount = e.amount.minorUnits
            disbursedOn = e.valueDate
        case .loanActivated(let e):
            status = .active
            installmentAmount = e.installmentAmount.minorUnits
            installments = e.installments.map { InstallmentState($0.row) }
        default:
            applyServicing(event.payload, on: date)
        }
    }

    private mutating func applyServicing(_ payload: LoanEvent.Payload, on date: LocalDate) {
        switch payload {
        case .accrualPosted(let e):
            markClosed(e.businessDate)
            accrue(e.accrualType, e.installmentNumber, e.amount.minorUnits, on: e.businessDate)
        case .accrualReversed(let e):
            accrue(e.accrualType, e.installmentNumber, -e.amount.minorUnits, on: e.businessDate)
        case .repaymentReceived(let e):
            repayments.append(Repayment(id: e.paymentId, amount: e.amount.minorUnits,
                                        effectiveDate: e.receivedOn, channel: e.channel))
            excess += e.amount.minorUnits
        case .repaymentAllocated(let e):
            post(e.lines, sign: 1)
            excess -= e.total.minorUnits
            allocations.append(Allocation(source: e.source, paymentId: e.paymentId, date: e.allocationDate,
                                          lines: e.lines, total: e.total.minorUnits))
        case .repaymentAllocationReversed(let e):
            post(e.lines, sign: -1)
            excess += e.total.minorUnits
            if let i = allocations.lastIndex(where: {
                $0.source == e.source && $0.paymentId == e.paymentId && $0.date == e.allocationDate && $0.lines == e.lines
            }) { allocations.remove(at: i) }
        case .prepaymentApplied(let e):
            excess -= e.amount.minorUnits
            rescheduledOn.append(date)
            replaceFuture(with: e.installments.map(\.row))
        case .excessRefunded(let e):
            excess -= e.amount.minorUnits
        case .chargeApplied(let e):
            // Late fees come only from day-end; manual charges say nothing about it.
            if e.chargeType == .lateFee { markClosed(date) }
            charges[e.chargeId] = Charge(type: e.chargeType, installmentNumber: e.installmentNumber,
                                         amount: e.amount.minorUnits, appliedOn: date)
            adjustFees(e.installmentNumber, by: e.amount.minorUnits)
            if e.chargeType == .lateFee, let i = index(of: e.installmentNumber) { installments[i].lateFeeAssessed = true }
        case .chargeWaived(let e):
            guard var charge = charges[e.chargeId] else { return }
            charge.waived += e.amount.minorUnits
            charges[e.chargeId] = charge
            adjustFees(charge.installmentNumber, by: -e.amount.minorUnits)
        case .chargeReversed(let e):
            guard var charge = charges[e.chargeId] else { return }
            charge.reversed += e.amount.minorUnits
            charges[e.chargeId] = charge
            adjustFees(charge.installmentNumber, by: -e.amount.minorUnits)
            // A reversed late fee never happened: the installment may be assessed again.
            if charge.type == .lateFee, charge.waived == 0, let i = index(of: charge.installmentNumber) {
                installments[i].lateFeeAssessed = false
            }
        case .classificationChanged(let e):
            // Not a day-end marker: a payment re-classifies the loan at once, mid-day.
            bucket = e.toBucket
            daysPastDue = e.daysPastDue
            npa = e.npa
        case .writeoffApplied:
            status = .writtenOff
            writtenOffOn = date
            for i in installments.indices { installments[i].writtenOff = installments[i].charged - installments[i].paid }
            writtenOffTotal = installments.reduce(0) { $0 + $1.writtenOff.total }
        case .recoveryReceived(let e):
            recovered += e.amount.minorUnits
            recoveryIds.insert(e.recoveryId)
        case .loanClosed(let e):
            status = .closed
            closedOn = e.closedOn
        default:
            break
        }
    }

    private mutating func markClosed(_ date: LocalDate) {
        if closedThrough.map({ $0 < date }) ?? true { closedThrough = date }
    }

    private mutating func accrue(_ type: AccrualType, _ number: Int, _ amount: Int64, on date: LocalDate) {
        guard let i = index(of: number) else { return }
        switch type {
        case .interest:
            installments[i].charged.interest += amount
        case .penaltyInterest:
            installments[i].charged.penalty += amount
            penaltyAccruals[PenaltyKey(date: date, installment: number), default: 0] += amount
        }
    }

    private mutating func post(_ lines: [AllocationLine], sign: Int64) {
        for line in lines {
            guard let i = index(of: line.installmentNumber) else { continue }
            installments[i].paid[line.component] += sign * line.amount.minorUnits
        }
    }

    private mutating func adjustFees(_ number: Int, by amount: Int64) {
        guard let i = index(of: number) else { return }
        installments[i].charged.fees += amount
    }

    /// Replaces the schedule from the first new row on. An installment already in progress
    /// keeps what it accrued and any charges; only its scheduled principal changes.
    private mutating func replaceFuture(with rows: [ScheduledInstallment]) {
        guard let first = rows.first else { return }
        let previous = Dictionary(uniqueKeysWithValues: installments.map { ($0.number, $0) })
        installments.removeAll { $0.number >= first.number }
        for row in rows {
            guard var kept = previous[row.number] else {
                installments.append(InstallmentState(row))
                continue
            }
            kept.charged.principal += row.principal - kept.scheduled.principal
            kept.charged.fees += row.fees - kept.scheduled.fees
            kept.scheduled = row
            installments.append(kept)
        }
    }
}
