/// Collects events while applying each to a working copy of the state, so later decisions in
/// the same command see earlier ones (an allocation sees the accruals just posted).
struct Emitter {
    var state: LoanState
    var events: [LoanEvent] = []
    /// Unapplied money that belongs to payments effective after the day being replayed: it
    /// sits in the excess balance (its allocations were reversed) but must not be spent before
    /// its own date.
    var reserved: Int64 = 0
    /// While replaying a backdated payment: the last date day-end had already posted. An
    /// automatic prepayment whose re-derived installments had accrued by then cannot be
    /// replayed faithfully; it sets `replayConflict` and the backdated payment is refused.
    var replayHorizon: LocalDate?
    var replayConflict = false

    init(_ state: LoanState) { self.state = state }

    mutating func emit(_ payload: LoanEvent.Payload, on date: LocalDate) {
        let event = LoanEvent(payload, on: date)
        state.apply(event)
        events.append(event)
    }
}
