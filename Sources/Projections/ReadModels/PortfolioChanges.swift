import Lending

/// The flow columns of `portfolio_daily`: what happened on that business day only.
struct PortfolioFlows: Sendable, Equatable {
    static let columns = ["disbursed_count", "disbursed_minor", "collected_minor", "due_minor"]

    var disbursedCount: Int64 = 0
    var disbursed: Int64 = 0
    /// Cash received from borrowers (`repayment.received`), by effective date.
    var collected: Int64 = 0
    /// Scheduled installment amounts that fell due that day.
    var due: Int64 = 0

    var values: [Int64] { [disbursedCount, disbursed, collected, due] }
    var isZero: Bool { values.allSatisfy { $0 == 0 } }

    init(due: Int64 = 0) { self.due = due }

    /// The flows of one event.
    init(_ event: LoanEvent) {
        switch event.payload {
        case .disbursementExecuted(let e):
            disbursedCount = 1
            disbursed = e.amount.minorUnits
        case .repaymentReceived(let e):
            collected = e.amount.minorUnits
        default:
            break
        }
    }

    static func + (lhs: PortfolioFlows, rhs: PortfolioFlows) -> PortfolioFlows {
        var sum = lhs
        sum.disbursedCount += rhs.disbursedCount
        sum.disbursed += rhs.disbursed
        sum.collected += rhs.collected
        sum.due += rhs.due
        return sum
    }
}

/// A row of `portfolio_daily`: product, currency and business date.
struct PortfolioKey: Hashable, Comparable, Sendable {
    var product: String
    var currency: String
    var date: LocalDate

    static func < (lhs: PortfolioKey, rhs: PortfolioKey) -> Bool {
        (lhs.product, lhs.currency, lhs.date.daysSinceEpoch) < (rhs.product, rhs.currency, rhs.date.daysSinceEpoch)
    }
}

/// The portfolio changes of one batch, summed per row: changes are additive, so the order in
/// which loans (and partitions) arrive does not change the result.
struct PortfolioChanges: Sendable {
    var stock: [PortfolioKey: PortfolioPosition] = [:]
    var flows: [PortfolioKey: PortfolioFlows] = [:]
    /// The last event of the batch that touched each product and currency.
    var sources: [String: EventSource] = [:]

    mutating func record(product: String, currency: String, date: LocalDate, stock delta: PortfolioPosition,
                         flows flow: PortfolioFlows, source: EventSource) {
        guard !delta.isZero || !flow.isZero else { return }
        let key = PortfolioKey(product: product, currency: currency, date: date)
        stock[key] = (stock[key] ?? .zero) + delta
        flows[key] = (flows[key] ?? PortfolioFlows()) + flow
        sources[product + "\u{1F}" + currency] = source
    }

    var isEmpty: Bool { stock.isEmpty }
}
