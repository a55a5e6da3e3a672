/// The repayment waterfall: spreads money over what is due in the product's order.
public struct Waterfall: Sendable {
    /// The product's allocation policy.
    public var policy: AllocationPolicy

    /// Creates a waterfall.
    public init(policy: AllocationPolicy) { self.policy = policy }

    /// Allocates up to `amount` to amounts collectible on `date`.
    ///
    /// Only installments already due are collected; money beyond what is due stays
    /// unapplied (excess) for the prepayment rule. Installments are visited oldest due first.
    ///
    /// - Parameters:
    ///   - amount: Money available, minor units (≥ 0).
    ///   - installments: The loan's installments.
    ///   - date: The allocation date.
    /// - Returns: `(installment, component, amount)` lines, in waterfall order, summing to at
    ///   most `amount`; no zero lines.
    public func allocate(_ amount: Int64, over installments: [InstallmentState], on date: LocalDate)
        -> [(installment: Int, component: Component, amount: Int64)] {
        let due = installments.filter { $0.dueDate <= date }.sorted { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }
        var left = amount
        var lines: [(installment: Int, component: Component, amount: Int64)] = []
        func take(_ inst: InstallmentState, _ component: Component) {
            let want = inst.collectible(component, on: date)
            let applied = min(want, left)
            guard applied > 0 else { return }
            left -= applied
            lines.append((inst.number, component, applied))
        }
        switch policy.strategy {
        case .installmentFirst:
            for inst in due { for component in policy.order where left > 0 { take(inst, component) } }
        case .componentFirst:
            for component in policy.order { for inst in due where left > 0 { take(inst, component) } }
        }
        return lines
    }
}
