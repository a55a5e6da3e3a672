import Foundation

/// Decides, without I/O, what happens to each message of a batch: applied in version order,
/// skipped as a duplicate, held back behind a gap or a parked predecessor, or parked.
///
/// Rules per stream, given the last applied version `n`:
/// - version ≤ n, or a redelivery of a parked or waiting event: duplicate, skipped;
/// - the stream is blocked by a parked event, or version > n + 1: waits;
/// - version == n + 1: applied if it decodes and validates (then waiting successors follow),
///   else parked, which blocks the stream. Other streams are unaffected.
/// A message whose stream cannot be told is parked on its own and blocks nothing.
public struct BatchPlanner: Sendable {
    /// Per-stream state, updated as messages are added.
    public private(set) var states: [UUID: StreamState]
    /// Events to hand to the projection, in order.
    public private(set) var accepted: [ProjectedEvent] = []
    /// Messages to park (and send to the DLQ).
    public private(set) var parked: [DecodedMessage] = []
    /// Stored waiting events that were applied or parked now (delete from `projection_waiting`).
    public private(set) var drained: [(streamID: UUID, version: Int)] = []
    /// How many messages were duplicates.
    public private(set) var duplicates = 0
    /// How many messages were newly held back.
    public private(set) var held = 0

    private let initial: [UUID: StreamState]
    private let decode: @Sendable (RawMessage) -> DecodedMessage
    private let refused: [UUID: EventRejection]

    /// - Parameters:
    ///   - states: The streams' state at the start of the batch (missing streams start empty).
    ///   - refused: Events a projection refused during an earlier try of this batch.
    ///   - decode: Decodes stored waiting events when their turn comes.
    public init(states: [UUID: StreamState], refused: [UUID: EventRejection] = [:],
                decode: @escaping @Sendable (RawMessage) -> DecodedMessage) {
        self.states = states
        self.initial = states
        self.refused = refused
        self.decode = decode
    }

    /// Streams whose applied version changed, with the new version.
    public var versions: [UUID: Int] {
        var changed: [UUID: Int] = [:]
        for (stream, state) in states where state.applied != (initial[stream]?.applied ?? 0) { changed[stream] = state.applied }
        return changed
    }

    /// Waiting events to store (held back in this batch and still waiting at its end).
    public var newWaiting: [(streamID: UUID, version: Int, event: WaitingEvent)] {
        states.flatMap { stream, state in
            state.waiting.filter { !$0.value.persisted }.map { (stream, $0.key, $0.value) }
        }.sorted { ($0.event.raw.partition, $0.event.raw.offset) < ($1.event.raw.partition, $1.event.raw.offset) }
    }

    /// Adds the next message of the batch (messages of one partition in offset order).
    public mutating func add(_ message: DecodedMessage) {
        let message = applyingRefusals(message)
        guard let stream = message.streamID, let version = message.version else {
            parked.append(message)
            return
        }
        var state = states[stream] ?? StreamState()
        defer { states[stream] = state }
        if version <= state.applied || state.waiting[version] != nil
            || message.eventID.map(state.parkedEventIDs.contains) == true {
            duplicates += 1
            return
        }
        if state.blocked || version > state.applied + 1 {
            state.waiting[version] = WaitingEvent(raw: message.raw, eventID: message.eventID, persisted: false)
            held += 1
            return
        }
        take(message, into: &state, stream: stream)
        drain(&state, stream: stream)
    }

    /// Applies whatever waits right behind the stream's applied version (after a replay or a discard).
    public mutating func drain(stream: UUID) {
        var state = states[stream] ?? StreamState()
        drain(&state, stream: stream)
        states[stream] = state
    }

    /// Treats `version` of `stream` as done without applying it (a rebuild skips what the live
    /// projector discarded), unblocks the stream and applies what waited behind it.
    public mutating func skip(stream: UUID, version: Int) {
        var state = states[stream] ?? StreamState()
        state.applied = max(state.applied, version)
        state.blocked = false
        state.parkedEventIDs = []
        drain(&state, stream: stream)
        states[stream] = state
    }

    private mutating func drain(_ state: inout StreamState, stream: UUID) {
        while !state.blocked, let next = state.waiting.removeValue(forKey: state.applied + 1) {
            if next.persisted { drained.append((stream, state.applied + 1)) } else { held -= 1 }
            var message = applyingRefusals(decode(next.raw))
            message.version = state.applied + 1
            take(message, into: &state, stream: stream)
        }
    }

    private mutating func take(_ message: DecodedMessage, into state: inout StreamState, stream: UUID) {
        switch message.result {
        case .success(let event):
            accepted.append(event)
            state.applied += 1
        case .failure:
            parked.append(message)
            state.blocked = true
            if let id = message.eventID { state.parkedEventIDs.insert(id) }
        }
    }

    private func applyingRefusals(_ message: DecodedMessage) -> DecodedMessage {
        guard let id = message.eventID, let rejection = refused[id] else { return message }
        return message.refused(rejection)
    }
}
