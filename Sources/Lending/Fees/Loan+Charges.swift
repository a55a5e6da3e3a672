extension Loan {
    /// Manual charges and waivers.
    static func decideCharge(_ command: LoanCommand, _ out: inout Emitter, _ context: DecisionContext) throws(LendingError) {
        let state = out.state
        try state.status.require(.service)
        switch command {
        case .applyCharge(let id, let type, let number, let amount, let reason):
            _ = try positive(amount, in: state)
            guard type != .lateFee else {
                throw LendingError(.invalidValue, "late fees are assessed by day-end under the product's rule", field: "charge_type")
            }
            guard state.charges[id] == nil else {
                throw LendingError(.duplicate, "charge \(id) already exists", field: "charge_id")
            }
            guard state.index(of: number) != nil else {
                throw LendingError(.unknownReference, "installment \(number) does not exist", field: "installment_number")
            }
            try required(reason, field: "reason")
            out.emit(.chargeApplied(ChargeApplied(chargeId: id, chargeType: type, installmentNumber: number,
                                                  amount: amount, reason: reason)), on: context.today)
        case .waiveCharge(let id, let amount, let reason):
            let units = try positive(amount, in: state)
            guard let charge = state.charges[id], let i = state.index(of: charge.installmentNumber) else {
                throw LendingError(.unknownReference, "charge \(id) does not exist on this loan", field: "charge_id")
            }
            // Only what is still unpaid can be forgiven; paid fees are refunded, not waived.
            let waivable = min(charge.net, state.installments[i].outstanding.fees)
            guard units <= waivable else {
                throw LendingError(.invalidValue, "at most \(money(waivable, state)) of this charge is unpaid", field: "amount")
            }
            try required(reason, field: "reason")
            out.emit(.chargeWaived(ChargeWaived(chargeId: id, amount: amount, reason: reason)), on: context.today)
        default:
            break
        }
    }
}
