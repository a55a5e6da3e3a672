import Synchronization

/// Lets `close` wait until every `sendBatch` that already started has handed all its messages to
/// librdkafka, and refuses new ones, so no message can be enqueued after the final flush and purge
/// (its delivery report would never be served and its sender would wait forever).
final class ProducerGate: Sendable {
    private struct State {
        var active = 0
        var closed = false
        var drained: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Registers a sender; returns `false` once the producer is closing.
    func enter() -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.active += 1
            return true
        }
    }

    /// Unregisters a sender whose messages are all enqueued (or failed).
    func leave() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.active -= 1
            guard state.active == 0 else { return [] }
            defer { state.drained.removeAll() }
            return state.drained
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses new senders and waits for the active ones to finish enqueueing.
    ///
    /// - Returns: `false` if the gate was already closed (a second `close`).
    func close() async -> Bool {
        let first = state.withLock { state in
            defer { state.closed = true }
            return !state.closed
        }
        await withCheckedContinuation { continuation in
            let idle = state.withLock { state in
                if state.active > 0 { state.drained.append(continuation) }
                return state.active == 0
            }
            if idle { continuation.resume() }
        }
        return first
    }

    /// Whether `close` has begun.
    var isClosed: Bool { state.withLock { $0.closed } }
}
