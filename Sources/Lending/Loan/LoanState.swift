/// The state of one loan: a left fold of its events.
///
/// Everything here is derived from events alone, so replaying the stream reproduces it
/// exactly; commands read it to decide, never write it. `Codable` so the read models can keep
/// a snapshot per loan and continue folding from it (dictionaries with non-string keys encode
/// as key/value arrays; decode with the same plain `JSONDecoder`).
public struct LoanState: Hashable, Sendable, Codable {
    /// A charge on the loan, tracked so it can be waived or reversed.
    public struct Charge: Hashable, Sendable, Codable {
        public var type: ChargeType
        public var installmentNumber: Int
        public var amount: Int64
        public var waived: Int64 = 0
        public var reversed: Int64 = 0
        public var appliedOn: LocalDate
        /// Amount still standing after waivers and reversals.
        public var net: Int64 { amount - waived - reversed }
    }

    /// A repayment as received.
    public struct Repayment: Hashable, Sendable, Codable {
        public var id: EntityID
        public var amount: Int64
        public var effectiveDate: LocalDate
        public var channel: String
    }

    /// A standing (not reversed) allocation.
    public struct Allocation: Hashable, Sendable, Codable {
        public var source: AllocationSource
        public var paymentId: EntityID?
        public var date: LocalDate
        public var lines: [AllocationLine]
        public var total: Int64
    }

    /// A penalty accrual key: business date and installment.
    public struct PenaltyKey: Hashable, Sendable, Codable {
        public var date: LocalDate
        public var installment: Int
    }

    public internal(set) var status: LoanStatus = .none
    public internal(set) var borrowerId: EntityID?
    public internal(set) var currency: Currency?
    public internal(set) var productCode = ""
    public internal(set) var requestedAmount: Int64 = 0
    public internal(set) var approvedAmount: Int64 = 0
    public internal(set) var sanctionedAmount: Int64 = 0
    public internal(set) var terms: LoanProduct?
    public internal(set) var sanctionedOn: LocalDate?
    public internal(set) var sanctionValidUntil: LocalDate?
    public internal(set) var pendingDisbursement: EntityID?
    public internal(set) var pendingDisbursementAmount: Int64 = 0
    public internal(set) var disbursedAmount: Int64 = 0
    public internal(set) var disbursedOn: LocalDate?
    public internal(set) var installmentAmount: Int64 = 0
    public internal(set) var installments: [InstallmentState] = []
    public internal(set) var charges: [EntityID: Charge] = [:]
    public internal(set) var repayments: [Repayment] = []
    public internal(set) var allocations: [Allocation] = []
    /// Net penalty interest accrued per date and installment (reversals subtract).
    public internal(set) var penaltyAccruals: [PenaltyKey: Int64] = [:]
    /// Unapplied money held for the borrower (the customer excess / suspense account).
    public internal(set) var excess: Int64 = 0
    public internal(set) var bucket = "current"
    public internal(set) var daysPastDue = 0
    public internal(set) var npa = false
    /// Latest business date day-end posted an accrual or a late fee for. Quiet days leave no
    /// trace, which is harmless: day-end is idempotent, so re-running them emits nothing.
    public internal(set) var closedThrough: LocalDate?
    /// Dates the schedule was re-derived (prepayments): backdating across them is refused.
    public internal(set) var rescheduledOn: [LocalDate] = []
    public internal(set) var writtenOffOn: LocalDate?
    public internal(set) var writtenOffTotal: Int64 = 0
    public internal(set) var recovered: Int64 = 0
    public internal(set) var recoveryIds: Set<EntityID> = []
    public internal(set) var disbursementIds: Set<EntityID> = []
    public internal(set) var closedOn: LocalDate?

    /// An empty state: the loan does not exist yet.
    public init() {}

    /// Folds events into a state.
    ///
    /// - Parameter events: The loan's events in stream order.
    /// - Returns: The resulting state.
    public static func fold(_ events: some Sequence<LoanEvent>) -> LoanState {
        var state = LoanState()
        for event in events { state.apply(event) }
        return state
    }

    /// Index of an installment by number.
    func index(of number: Int) -> Int? { installments.firstIndex { $0.number == number } }

    /// Outstanding receivables of the whole loan per component.
    public var outstanding: Components {
        installments.reduce(into: Components()) { sum, inst in
            for c in Component.allCases { sum[c] += inst.outstanding[c] }
        }
    }

    /// Whether every installment is settled.
    public var isFullyRepaid: Bool { !installments.isEmpty && installments.allSatisfy(\.isSettled) }
}
