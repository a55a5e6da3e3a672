/// How a demo borrower repays: the mix a lender's book shows, assigned deterministically by loan index.
enum DemoBehaviour: String, Sendable, CaseIterable {
    /// Pays each installment on its due date.
    case onTime = "on-time"
    /// Pays 20 days late: penalty interest and a late fee first, then the installment.
    case late
    /// Pays half of each installment.
    case partial
    /// Pays on time and prepays a quarter of the principal at the end.
    case early
    /// Pays on time, but each payment is recorded after day-end has closed past it (backdated).
    case backdated
    /// Pays on time, then pays off the whole loan early (foreclosure).
    case foreclosure
    /// Pays the first installment only; written off once 90 days past due, then a partial recovery.
    case defaulter
    /// The application is declined at decision.
    case declined

    static func of(loan index: Int) -> DemoBehaviour {
        switch index % 40 {
        case 39: .declined
        case 3, 23, 33: .defaulter
        case 7, 17, 27, 37, 12, 32: .late
        case 9, 19, 29, 14: .partial
        case 21, 31: .early
        case 25, 35: .backdated
        case 15: .foreclosure
        default: .onTime
        }
    }
}
