import Foundation

/// The loan aggregate: turns a command and the current state into new events.
public enum Loan {
    /// Decides a command.
    ///
    /// - Parameters:
    ///   - command: What is asked.
    ///   - state: The loan's state, the fold of its events so far.
    ///   - context: Business date and id source.
    /// - Returns: The events to append, in order (possibly none: day-end of a date already
    ///   closed is a no-op).
    /// - Throws: `LendingError` when the command is invalid in this state or breaks a rule.
    public static func decide(_ command: LoanCommand, state: LoanState, context: DecisionContext) throws(LendingError) -> [LoanEvent] {
        var out = Emitter(state)
        switch command {
        case .createApplication, .submitApplication, .approve, .decline, .refer, .issueSanction:
            try decideOrigination(command, &out, context)
        case .createDisbursement, .executeDisbursement, .failDisbursement:
            try decideDisbursement(command, &out, context)
        case .closeBusinessDay(let date):
            try state.status.require(.service)
            guard date <= context.today else {
                throw LendingError(.dateOutOfOrder, "cannot close \(date) before it has happened (today is \(context.today))",
                                   field: "business_date")
            }
            out.closeDays(through: date, context)
        case .recordRepayment(let id, let amount, let date, let channel):
            try decideRepayment(id: id, amount: amount, date: date, channel: channel, &out, context)
        case .applyCharge, .waiveCharge:
            try decideCharge(command, &out, context)
        case .applyPrepayment(let amount):
            try decidePrepayment(amount, &out, context)
        case .foreclose:
            try decideForeclosure(&out, context)
        case .writeOff, .recordRecovery, .closeWrittenOff:
            try decideWriteOff(command, &out, context)
        }
        return out.events
    }

    /// Checks an amount is positive and in the loan's currency.
    static func positive(_ amount: Money, in state: LoanState, field: String = "amount") throws(LendingError) -> Int64 {
        if let currency = state.currency, amount.currency != currency {
            throw LendingError(.currencyMismatch, "amount is in \(amount.currency.code) but the loan is in \(currency.code)",
                               field: "\(field).currency")
        }
        guard amount.minorUnits > 0 else {
            throw LendingError(.nonPositiveAmount, "amount must be greater than zero", field: field)
        }
        return amount.minorUnits
    }

    /// Refuses empty or over-long free text where a person must say who or why (the event
    /// schemas cap such text at 500 characters).
    static func required(_ text: String, field: String) throws(LendingError) {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LendingError(.invalidValue, "\(field) must not be empty", field: field)
        }
        guard text.count <= 500 else {
            throw LendingError(.invalidValue, "\(field) must be at most 500 characters", field: field)
        }
    }
}
