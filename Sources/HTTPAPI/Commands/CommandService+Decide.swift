import EventSchemas
import EventStore
import Foundation
import Lending

/// A command decided against its stream: the new events and where they go.
struct Decision: Sendable {
    enum Produced: Sendable {
        case loan([LoanEvent])
        case borrower([BorrowerEvent])
    }

    var kind: StreamKind
    var streamID: UUID
    var isNew: Bool
    var currentVersion: Int
    var produced: Produced
    /// For a loan: its state before the new events (to cache the state after them once committed).
    var priorLoanState: LoanState?

    /// The loan's state after the new events, for ``LoanStateCache``.
    var loanStateAfter: (version: Int, state: LoanState)? {
        guard kind == .loan, var state = priorLoanState, case .loan(let events) = produced else { return nil }
        for event in events { state.apply(event) }
        return (currentVersion + events.count, state)
    }

    /// The events in their envelopes, numbered after the current version.
    func envelopes(request: CommandRequest, now: Date) throws -> [EventEnvelope] {
        let items: [(type: String, schemaVersion: Int, effectiveAt: Date, data: Data)]
        switch produced {
        case .loan(let events): items = try events.map { ($0.type, $0.schemaVersion, $0.effectiveAt, try $0.encodedData()) }
        case .borrower(let events): items = try events.map { ($0.type, $0.schemaVersion, $0.effectiveAt, try $0.encodedData()) }
        }
        return try items.enumerated().map { index, item in
            EventEnvelope(kind: kind, streamID: streamID, version: currentVersion + index + 1, eventID: UUID(),
                          eventType: item.type, schemaVersion: item.schemaVersion, occurredAt: now, effectiveAt: item.effectiveAt,
                          traceID: request.traceID, idempotencyKey: request.idempotencyKey,
                          data: try JSONValue(parsing: Array(item.data)))
        }
    }

    /// One balanced journal entry per money-moving loan event.
    func journal(_ envelopes: [EventEnvelope]) -> [JournalEntryRecord] {
        guard case .loan(let events) = produced else { return [] }
        return zip(events, envelopes).compactMap { event, envelope in
            guard let entry = Posting.entry(for: event) else { return nil }
            return JournalEntryRecord(
                entryID: UUID(), loanID: streamID, eventID: envelope.eventID, currency: entry.currency.code,
                effectiveDate: entry.date.description, description: entry.eventType,
                lines: entry.lines.map { .init(account: $0.account.rawValue, amountMinor: $0.amount) })
        }
    }
}

/// Reads the events of stream `id` of `kind` after `version`.
typealias StreamLoader = (_ id: UUID, _ kind: StreamKind, _ afterVersion: Int) async throws -> [StoredEvent]

extension CommandService {
    /// The stream a command reads, with the version after which it needs events (its cached fold's), if any.
    func streamToLoad(_ request: CommandRequest) -> (id: UUID, kind: StreamKind, afterVersion: Int)? {
        switch request.target {
        case .newLoan, .newBorrower: nil
        case .loan(let id, _): (id, .loan, loanStates.get(id)?.version ?? 0)
        case .borrower(let id, _): (id, .borrower, 0)
        }
    }

    /// Loads and folds the stream the command addresses, then asks the domain to decide.
    ///
    /// - Parameters:
    ///   - request: The command.
    ///   - load: Reads a stream's events after a version (locking it on the locking path).
    func decide(_ request: CommandRequest, load: StreamLoader) async throws -> Decision {
        let context = DecisionContext(today: request.businessDate)
        switch request.target {
        case .newLoan(let command):
            let events = try Loan.decide(command, state: LoanState(), context: context)
            return Decision(kind: .loan, streamID: UUID(), isNew: true, currentVersion: 0, produced: .loan(events),
                            priorLoanState: LoanState())
        case .loan(let id, let command):
            // Only the events after the cached fold are read and decoded.
            let cached = loanStates.get(id)
            let tail = try await load(id, .loan, cached?.version ?? 0)
            let version = (cached?.version ?? 0) + tail.count
            guard version > 0 else { throw CommandError(.streamNotFound, "no loan \(id.uuidString.lowercased())") }
            try check(request.expectedVersion, against: version)
            var state = cached?.state ?? LoanState()
            for stored in tail {
                state.apply(try LoanEvent.decode(type: stored.eventType, data: Self.data(of: stored), effectiveAt: stored.effectiveAt))
            }
            let events = try Loan.decide(command, state: state, context: context)
            return Decision(kind: .loan, streamID: id, isNew: false, currentVersion: version, produced: .loan(events),
                            priorLoanState: state)
        case .newBorrower(let command):
            let events = try Borrower.decide(command, state: BorrowerState(), context: context)
            return Decision(kind: .borrower, streamID: UUID(), isNew: true, currentVersion: 0, produced: .borrower(events),
                            priorLoanState: nil)
        case .borrower(let id, let command):
            let history = try await load(id, .borrower, 0)
            guard !history.isEmpty else { throw CommandError(.streamNotFound, "no borrower \(id.uuidString.lowercased())") }
            try check(request.expectedVersion, against: history.count)
            var state = BorrowerState()
            for stored in history {
                state.apply(try BorrowerEvent.decode(type: stored.eventType, data: Self.data(of: stored), effectiveAt: stored.effectiveAt))
            }
            let events = try Borrower.decide(command, state: state, context: context)
            return Decision(kind: .borrower, streamID: id, isNew: false, currentVersion: history.count, produced: .borrower(events),
                            priorLoanState: nil)
        }
    }

    private func check(_ expected: Int?, against actual: Int) throws {
        if let expected, expected != actual {
            throw CommandError(.versionMismatch(expected: expected, actual: actual),
                               "If-Match asked for version \(expected); the stream is at version \(actual)")
        }
    }

    /// The `data` member of a stored event, as JSON bytes.
    static func data(of event: StoredEvent) throws -> Data {
        guard let data = try JSONValue(parsing: event.json)["data"] else {
            throw CommandError(.invalidEvent(errorID: event.eventID.uuidString.lowercased()), "stored event \(event.eventID) has no data")
        }
        return Data(data.serialized(sortedKeys: true).utf8)
    }
}
