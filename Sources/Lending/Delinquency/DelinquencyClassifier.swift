/// Days past due and the delinquency bucket of a loan on a business date.
public struct DelinquencyClassifier: Sendable {
    /// The product's buckets and NPA threshold.
    public var policy: DelinquencyPolicy

    /// Creates a classifier.
    public init(policy: DelinquencyPolicy) { self.policy = policy }

    /// A classification result.
    public struct Classification: Hashable, Sendable {
        public var daysPastDue: Int
        public var bucket: String
        public var npa: Bool
    }

    /// Classifies a loan at the end of `date`.
    ///
    /// Days past due count from the oldest installment with unpaid principal or interest
    /// whose due date is before `date` (an installment due today is not yet late). Unpaid
    /// fees and penalties alone do not make a loan delinquent — the usual materiality rule.
    ///
    /// - Parameters:
    ///   - installments: The loan's installments.
    ///   - date: The business date.
    /// - Returns: Days past due, bucket, and whether the loan is non-performing.
    public func classify(_ installments: [InstallmentState], on date: LocalDate) -> Classification {
        let oldest = installments.filter { $0.dueDate < date && $0.overdueBase > 0 }.map(\.dueDate).min()
        let dpd = oldest.map { $0.days(until: date) } ?? 0
        return Classification(daysPastDue: dpd, bucket: policy.bucket(daysPastDue: dpd), npa: dpd >= policy.npaFromDays)
    }
}
