import Lending

/// One loan's contribution to the stock columns of `portfolio_daily`: counts by status,
/// outstanding receivables, counts and principal per days-past-due bucket, and PAR amounts.
///
/// A portfolio row is the sum of every loan's position as of that date, so the read model
/// stores position changes (after − before) at each event's effective date.
struct PortfolioPosition: Sendable, Equatable {
    /// The stock columns, in the order of ``values``.
    static let columns: [String] =
        LoanStatus.counted.map { "loans_\($0.rawValue)" } + [
            "outstanding_principal_minor", "outstanding_interest_minor", "outstanding_fees_minor",
            "outstanding_penalty_minor",
        ] + DaysPastDueBand.allCases.flatMap { ["bucket_\($0.rawValue)_count", "bucket_\($0.rawValue)_minor"] }
        + ["par30_minor", "par60_minor", "par90_minor"]

    var values: [Int64]

    static let zero = PortfolioPosition(values: Array(repeating: 0, count: columns.count))

    private init(values: [Int64]) { self.values = values }

    /// The position of a loan as of its business date.
    init(_ snapshot: LoanSnapshot) {
        let state = snapshot.state
        var values: [Int64] = LoanStatus.counted.map { state.status == $0 ? 1 : 0 }
        let outstanding = state.outstanding
        values += [outstanding.principal, outstanding.interest, outstanding.fees, outstanding.penalty]
        let active = state.status == .active
        let dpd = snapshot.classification.daysPastDue
        let band = DaysPastDueBand(daysPastDue: dpd)
        for candidate in DaysPastDueBand.allCases {
            let here = active && candidate == band
            values += [here ? 1 : 0, here ? outstanding.principal : 0]
        }
        for threshold in [30, 60, 90] {
            values.append(active && dpd > threshold ? outstanding.principal : 0)
        }
        self.values = values
    }

    static func - (lhs: PortfolioPosition, rhs: PortfolioPosition) -> PortfolioPosition {
        PortfolioPosition(values: zip(lhs.values, rhs.values).map { $0 - $1 })
    }

    static func + (lhs: PortfolioPosition, rhs: PortfolioPosition) -> PortfolioPosition {
        PortfolioPosition(values: zip(lhs.values, rhs.values).map { $0 + $1 })
    }

    var isZero: Bool { values.allSatisfy { $0 == 0 } }
}

/// The fixed days-past-due bands of the dashboard (products may name their own buckets; the
/// portfolio compares products on the same bands). PAR30/60/90 count days past due *over* 30/60/90.
enum DaysPastDueBand: String, CaseIterable, Sendable {
    case current
    case d1to30 = "1_30"
    case d31to60 = "31_60"
    case d61to90 = "61_90"
    case over90 = "90_plus"

    init(daysPastDue: Int) {
        switch daysPastDue {
        case ..<1: self = .current
        case 1...30: self = .d1to30
        case 31...60: self = .d31to60
        case 61...90: self = .d61to90
        default: self = .over90
        }
    }
}

extension LoanStatus {
    /// Statuses the portfolio counts (every one a loan can be in).
    static let counted: [LoanStatus] = [
        .draft, .submitted, .referred, .approved, .declined, .sanctioned, .disbursing, .active, .writtenOff, .closed,
    ]
}
