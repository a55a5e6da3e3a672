import Foundation
import Lending

extension LoanSnapshot {
    /// Applies the loan's next event: folds it into the domain state, posts its journal entry to
    /// the loan's ledger, and records what it changes in the statement and the portfolio.
    ///
    /// - Parameters:
    ///   - projected: the event, the next version of this loan.
    ///   - loanID: the loan.
    ///   - portfolio: collects the portfolio changes of the batch.
    /// - Returns: the statement line of a money-moving event, else `nil`.
    /// - Throws: ``ProjectionFailure/permanent(eventID:errorClass:message:)`` when the domain cannot decode it.
    mutating func apply(_ projected: ProjectedEvent, loanID: UUID,
                        portfolio: inout PortfolioChanges) throws(ProjectionFailure) -> StatementLineRow? {
        let event = try projected.loanEvent()
        let before = PortfolioPosition(self)
        let previousAsOf = asOf
        state.apply(event)
        version = projected.version
        if openedAt == nil { openedAt = projected.occurredAt }
        updatedAt = projected.occurredAt
        var businessDate = event.effectiveDate
        if case .accrualPosted(let accrual) = event.payload { businessDate = max(businessDate, accrual.businessDate) }
        asOf = max(asOf ?? businessDate, businessDate)

        var line: StatementLineRow?
        if let entry = Posting.entry(for: event) {
            let receivablesBefore = receivables
            let excessBefore = excessHeld
            for posting in entry.lines { ledger[posting.account.rawValue, default: 0] += posting.amount }
            lines += 1
            line = StatementLineRow(loanID: loanID, lineNo: lines, event: projected, entry: entry,
                                    change: receivables - receivablesBefore, excessChange: excessHeld - excessBefore,
                                    balances: receivables, excess: excessHeld)
        }
        if let currency = state.currency {
            portfolio.record(product: state.productCode, currency: currency.code, date: event.effectiveDate,
                             stock: PortfolioPosition(self) - before, flows: PortfolioFlows(event),
                             source: EventSource(projected))
            for (dueDate, amount) in dues(after: previousAsOf) {
                portfolio.record(product: state.productCode, currency: currency.code, date: dueDate,
                                 stock: .zero, flows: PortfolioFlows(due: amount), source: EventSource(projected))
            }
        }
        return line
    }

    /// Installments that fell due since the loan's previous business date: what day-end made due.
    private func dues(after previous: LocalDate?) -> [(LocalDate, Int64)] {
        guard let previous, let asOf, previous < asOf else { return [] }
        return state.installments
            .filter { $0.dueDate > previous && $0.dueDate <= asOf }
            .map { ($0.dueDate, $0.scheduled.total) }
    }
}
