/// Per-component amounts of one installment, in minor units.
public struct Components: Hashable, Sendable, Codable {
    public var principal: Int64 = 0
    public var interest: Int64 = 0
    public var fees: Int64 = 0
    public var penalty: Int64 = 0

    /// Creates amounts (all zero by default).
    public init(principal: Int64 = 0, interest: Int64 = 0, fees: Int64 = 0, penalty: Int64 = 0) {
        self.principal = principal
        self.interest = interest
        self.fees = fees
        self.penalty = penalty
    }

    /// The amount of one component.
    public subscript(component: Component) -> Int64 {
        get {
            switch component {
            case .principal: principal
            case .interest: interest
            case .fees: fees
            case .penalty: penalty
            }
        }
        set {
            switch component {
            case .principal: principal = newValue
            case .interest: interest = newValue
            case .fees: fees = newValue
            case .penalty: penalty = newValue
            }
        }
    }

    /// Sum of all components.
    public var total: Int64 { principal + interest + fees + penalty }

    /// Component-wise difference.
    public static func - (lhs: Components, rhs: Components) -> Components {
        Components(principal: lhs.principal - rhs.principal, interest: lhs.interest - rhs.interest,
                   fees: lhs.fees - rhs.fees, penalty: lhs.penalty - rhs.penalty)
    }
}

/// One installment as servicing sees it: what was scheduled, recognised, paid and written off.
public struct InstallmentState: Hashable, Sendable, Codable {
    /// The schedule row (principal, contractual interest, scheduled fees, dates).
    public var scheduled: ScheduledInstallment
    /// What has been recognised as receivable: principal and scheduled fees from activation,
    /// interest as it accrues, charges as applied, penalty interest as it accrues.
    public var charged: Components
    /// What has been paid.
    public var paid = Components()
    /// What was written off.
    public var writtenOff = Components()
    /// Whether a late fee was ever assessed (the at-most-once rule; a waiver keeps it set).
    public var lateFeeAssessed = false

    /// Creates the state of a freshly scheduled installment.
    public init(_ row: ScheduledInstallment) {
        scheduled = row
        charged = Components(principal: row.principal, interest: 0, fees: row.fees, penalty: 0)
    }

    public var number: Int { scheduled.number }
    public var dueDate: LocalDate { scheduled.dueDate }
    public var periodStart: LocalDate { scheduled.periodStart }

    /// Receivable still outstanding per component.
    public var outstanding: Components {
        var result = Components()
        for c in Component.allCases { result[c] = charged[c] - paid[c] - writtenOff[c] }
        return result
    }

    /// Amount the waterfall may collect for a component on `date`: everything charged if the
    /// installment is due, nothing before its due date (early money waits as excess).
    public func collectible(_ component: Component, on date: LocalDate) -> Int64 {
        dueDate <= date ? outstanding[component] : 0
    }

    /// Unpaid principal and interest once due: what drives days past due, late fees and penalty.
    public var overdueBase: Int64 {
        let o = outstanding
        return o.principal + o.interest
    }

    /// Whether principal, interest, fees and penalty are all settled.
    public var isSettled: Bool { outstanding.total == 0 && charged.interest == scheduled.interest }
}
