import Synchronization

/// Matches librdkafka delivery reports to the `send` calls waiting for them.
///
/// Every produced message carries a per-message opaque value packing a batch id (high 32 bits) and the
/// message's index in its batch (low 32 bits). The delivery-report callback, running on the producer's
/// poll thread, records each outcome; when a batch's last outcome arrives its waiter is resumed.
final class DeliveryRouter: Sendable {
    /// The outcome of one message: its partition and offset, or why it failed.
    typealias Outcome = Result<(partition: Int32, offset: Int64), KafkaError>

    private struct Batch {
        var outcomes: [Outcome?]
        var remaining: Int
        var waiter: CheckedContinuation<[Outcome], Never>?
    }

    private struct State {
        var nextBatchID: UInt64 = 1
        var batches: [UInt64: Batch] = [:]
        var spaceWaiters: [CheckedContinuation<Void, Never>] = []
        var pollingStopped = false
    }

    private let state = Mutex(State())

    /// Starts tracking a batch of `count` messages.
    ///
    /// - Parameter count: The number of messages; at most `UInt32.max`.
    /// - Returns: The batch id to pass to ``messageOpaque(batch:index:)``.
    func register(count: Int) -> UInt64 {
        state.withLock { state in
            let id = state.nextBatchID
            // Ids wrap after 2^32 batches; by then the old batch with the same id has long completed.
            state.nextBatchID = id == UInt64(UInt32.max) ? 1 : id + 1
            state.batches[id] = Batch(outcomes: Array(repeating: nil, count: count), remaining: count)
            return id
        }
    }

    /// The per-message opaque value for message `index` of batch `batch`.
    static func messageOpaque(batch: UInt64, index: Int) -> UnsafeMutableRawPointer? {
        UnsafeMutableRawPointer(bitPattern: UInt(batch << 32 | UInt64(index)))
    }

    /// Records the outcome of the message with the given opaque value (from the delivery-report callback).
    func deliver(opaque: UnsafeMutableRawPointer?, outcome: Outcome) {
        let bits = UInt64(UInt(bitPattern: opaque))
        record(batch: bits >> 32, index: Int(bits & 0xFFFF_FFFF), outcome: outcome)
    }

    /// Records the outcome of message `index` of `batch`, resuming the batch's waiter if it was the last.
    func record(batch: UInt64, index: Int, outcome: Outcome) {
        let finished: (CheckedContinuation<[Outcome], Never>, [Outcome])? = state.withLock { state in
            guard var entry = state.batches[batch], index < entry.outcomes.count, entry.outcomes[index] == nil else {
                return nil
            }
            state.batches[batch] = nil  // take it out so the array below is mutated without a copy
            entry.outcomes[index] = outcome
            entry.remaining -= 1
            if entry.remaining == 0, let waiter = entry.waiter {
                return (waiter, entry.outcomes.map { $0! })
            }
            state.batches[batch] = entry
            return nil
        }
        if let (waiter, outcomes) = finished { waiter.resume(returning: outcomes) }
    }

    /// Waits until every message of `batch` has an outcome, and returns the outcomes in message order.
    func outcomes(of batch: UInt64) async -> [Outcome] {
        await withCheckedContinuation { continuation in
            let ready: [Outcome]? = state.withLock { state in
                guard var entry = state.batches.removeValue(forKey: batch) else { return [] }
                if entry.remaining == 0 { return entry.outcomes.map { $0! } }
                entry.waiter = continuation
                state.batches[batch] = entry
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Suspends until the poll thread has served delivery reports (i.e. the local queue may have room).
    ///
    /// - Returns: `false` if the poll thread has stopped, so no room will ever be made.
    func waitForSpace() async -> Bool {
        await withCheckedContinuation { continuation in
            let stopped = state.withLock { state in
                if !state.pollingStopped { state.spaceWaiters.append(continuation) }
                return state.pollingStopped
            }
            if stopped { continuation.resume() }
        }
        return !state.withLock { $0.pollingStopped }
    }

    /// Resumes every ``waitForSpace()`` caller; called by the poll thread after each poll.
    ///
    /// - Parameter final: The poll thread is exiting; later waiters return at once.
    func resumeSpaceWaiters(final: Bool = false) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if final { state.pollingStopped = true }
            defer { state.spaceWaiters.removeAll() }
            return state.spaceWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
