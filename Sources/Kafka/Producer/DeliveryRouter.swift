import Synchronization

/// Matches librdkafka delivery reports to the `send` calls waiting for them.
///
/// Every produced message carries a per-message opaque value packing a batch id (high 32 bits) and the
/// message's index in its batch (low 32 bits). The delivery-report callback, running on the producer's
/// poll thread, records each outcome; when a batch's last outcome arrives its waiter is resumed.
/// Successes are stored as plain partition/offset arrays (this is the per-message hot path); failures,
/// rare, in a dictionary.
final class DeliveryRouter: Sendable {
    /// The outcomes of one batch, in message order.
    struct Outcomes: Sendable {
        var partitions: [Int32]
        var offsets: [Int64]
        var failures: [Int: KafkaError] = [:]
    }

    private struct Batch {
        var outcomes: Outcomes
        var recorded: [Bool]
        var remaining: Int
        var waiter: CheckedContinuation<Outcomes, Never>?

        /// Records one outcome; returns the waiter and outcomes if this completed a waited-for batch.
        mutating func record(_ index: Int, partition: Int32, offset: Int64, failure: KafkaError?)
            -> (CheckedContinuation<Outcomes, Never>, Outcomes)?
        {
            guard index < recorded.count, !recorded[index] else { return nil }
            recorded[index] = true
            outcomes.partitions[index] = partition
            outcomes.offsets[index] = offset
            if let failure { outcomes.failures[index] = failure }
            remaining -= 1
            guard remaining == 0, let waiter else { return nil }
            return (waiter, outcomes)
        }
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
        let batch = Batch(
            outcomes: Outcomes(partitions: Array(repeating: -1, count: count), offsets: Array(repeating: -1, count: count)),
            recorded: Array(repeating: false, count: count), remaining: count)
        return state.withLock { state in
            let id = state.nextBatchID
            // Ids wrap after 2^32 batches; by then the old batch with the same id has long completed.
            state.nextBatchID = id == UInt64(UInt32.max) ? 1 : id + 1
            state.batches[id] = batch
            return id
        }
    }

    /// The per-message opaque value for message `index` of batch `batch`.
    static func messageOpaque(batch: UInt64, index: Int) -> UnsafeMutableRawPointer? {
        UnsafeMutableRawPointer(bitPattern: UInt(batch << 32 | UInt64(index)))
    }

    /// One delivery report as read from librdkafka.
    struct Report {
        /// The message's per-message opaque value (see ``messageOpaque(batch:index:)``).
        var opaque: UnsafeMutableRawPointer?
        var partition: Int32
        var offset: Int64
        var failure: KafkaError?
    }

    /// Records delivery reports (from the poll thread), under one lock for the whole run of reports.
    func deliver(_ reports: some Sequence<Report>) {
        let finished = state.withLock { state in
            var finished: [(CheckedContinuation<Outcomes, Never>, Outcomes)] = []
            for report in reports {
                let bits = UInt64(UInt(bitPattern: report.opaque))
                let batch = bits >> 32
                // In-place mutation through the dictionary's `_modify` accessor: no copy of the batch's arrays.
                if let done = state.batches[batch]?.record(
                    Int(bits & 0xFFFF_FFFF), partition: report.partition, offset: report.offset, failure: report.failure)
                {
                    state.batches[batch] = nil
                    finished.append(done)
                }
            }
            return finished
        }
        for (waiter, outcomes) in finished { waiter.resume(returning: outcomes) }
    }

    /// Records the outcome of message `index` of `batch` (for messages that never reached librdkafka).
    func record(batch: UInt64, index: Int, failure: KafkaError) {
        deliver(CollectionOfOne(Report(
            opaque: Self.messageOpaque(batch: batch, index: index), partition: -1, offset: -1, failure: failure)))
    }

    /// Waits until every message of `batch` has an outcome.
    func outcomes(of batch: UInt64) async -> Outcomes {
        await withCheckedContinuation { continuation in
            let ready: Outcomes? = state.withLock { state in
                guard let entry = state.batches[batch] else { return Outcomes(partitions: [], offsets: []) }
                if entry.remaining == 0 {
                    state.batches[batch] = nil
                    return entry.outcomes
                }
                state.batches[batch]?.waiter = continuation
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
            guard !state.spaceWaiters.isEmpty else { return [] }
            defer { state.spaceWaiters.removeAll() }
            return state.spaceWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
