/// A component of an amount due, the unit the allocation waterfall orders.
public enum Component: String, Sendable, Codable, CaseIterable, Hashable {
    case penalty, fees, interest, principal
}

/// How a payment is spread over what is due.
public struct AllocationPolicy: Hashable, Sendable, Codable {
    /// Whether the waterfall walks installments or components first.
    public enum Strategy: String, Sendable, Codable {
        /// Settle the oldest installment completely (in `order`) before the next one.
        case installmentFirst = "installment_first"
        /// Settle each component across all installments, oldest first, before the next component.
        case componentFirst = "component_first"
    }

    /// Component order, e.g. penalty → fees → interest → principal. Must name each once.
    public var order: [Component]
    /// Installment-first or component-first.
    public var strategy: Strategy

    /// Penalties, fees, interest, then principal, oldest installment first.
    public static let standard = AllocationPolicy(order: [.penalty, .fees, .interest, .principal],
                                                  strategy: .installmentFirst)

    /// Creates a policy.
    public init(order: [Component], strategy: Strategy) {
        self.order = order
        self.strategy = strategy
    }
}

/// A delinquency bucket: loans whose days past due are at least `fromDays` (and below the
/// next bucket's start) belong to it.
public struct DelinquencyBucket: Hashable, Sendable, Codable {
    /// The bucket name reported in `classification.changed`, e.g. `31-60`.
    public var name: String
    /// The smallest days-past-due in the bucket.
    public var fromDays: Int

    /// Creates a bucket.
    public init(name: String, fromDays: Int) {
        self.name = name
        self.fromDays = fromDays
    }
}

/// Delinquency buckets and the non-performing threshold.
public struct DelinquencyPolicy: Hashable, Sendable, Codable {
    /// Buckets in ascending `fromDays`; the first must start at 0.
    public var buckets: [DelinquencyBucket]
    /// Days past due from which the loan is a non-performing asset.
    public var npaFromDays: Int

    /// current, 1-30, 31-60, 61-90, 90+ (more than 90 days), NPA when more than 90 days past
    /// due — the RBI's 90-day norm.
    public static let standard = DelinquencyPolicy(
        buckets: [.init(name: "current", fromDays: 0), .init(name: "1-30", fromDays: 1),
                  .init(name: "31-60", fromDays: 31), .init(name: "61-90", fromDays: 61),
                  .init(name: "90+", fromDays: 91)],
        npaFromDays: 91)

    /// Creates a policy.
    public init(buckets: [DelinquencyBucket], npaFromDays: Int) {
        self.buckets = buckets
        self.npaFromDays = npaFromDays
    }

    /// The bucket for a number of days past due.
    ///
    /// - Parameter daysPastDue: Days since the oldest unpaid installment fell due.
    /// - Returns: The bucket name.
    public func bucket(daysPastDue: Int) -> String {
        buckets.last { $0.fromDays <= daysPastDue }?.name ?? buckets.first?.name ?? "current"
    }
}

/// When a loan may be written off.
public struct WriteOffRule: Hashable, Sendable, Codable {
    /// The least days past due at which a write-off is accepted (e.g. 180).
    public var minDaysPastDue: Int
    /// Whether the loan must already be non-performing.
    public var requiresNpa: Bool

    /// Creates a rule.
    public init(minDaysPastDue: Int, requiresNpa: Bool) {
        self.minDaysPastDue = minDaysPastDue
        self.requiresNpa = requiresNpa
    }
}
