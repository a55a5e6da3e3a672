import EventStore
import Foundation
import Lending

/// Reads a loan's stream from the event store and folds it into state, now or as of a time on
/// either axis (bi-temporal time travel).
struct LoanHistory: Sendable {
    let store: EventStore

    /// The loan's events in version order, up to `asOf` when given; empty for an unknown loan.
    func events(loanID: UUID, asOf: (Date, TimeAxis)? = nil) async throws -> [StoredEvent] {
        try await store.transaction { try await $0.loadStream(loanID, kind: .loan, asOf: asOf) }
    }

    /// The loan's state folded from its events up to `asOf`, with the version of the last one,
    /// or `nil` when no event of the loan falls before the cut-off.
    func state(loanID: UUID, asOf: (Date, TimeAxis)?) async throws -> (state: LoanState, version: Int)? {
        let stored = try await events(loanID: loanID, asOf: asOf)
        guard let last = stored.last else { return nil }
        var state = LoanState()
        for event in stored {
            state.apply(try LoanEvent.decode(type: event.eventType, data: try CommandService.data(of: event),
                                             effectiveAt: event.effectiveAt))
        }
        return (state, last.version)
    }
}
