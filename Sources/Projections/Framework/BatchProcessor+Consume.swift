import Kafka

extension BatchProcessor {
    /// Applies every batch `events` delivers, in order, while the next batch is read from the consumer,
    /// copied and decoded.
    ///
    /// Decoding does not depend on what earlier batches applied, so batch *i+1* is prepared while batch
    /// *i*'s transaction runs; batches are still applied one at a time and in the consumer's order. The
    /// reader is at most one batch ahead: a slow database slows fetching instead of buffering without bound.
    /// Rebalance events reach `onRebalance` in order with the batches around them.
    ///
    /// - Parameters:
    ///   - events: The consumer's events (iterated by this call only).
    ///   - onRebalance: Called with each rebalance event, in order.
    ///   - afterBatch: Called after each applied batch with its size and outcome; returning `false` stops.
    /// - Throws: What ``process(_:)-(DecodedBatch)`` or the consumer throws.
    public func consume(_ events: KafkaConsumerEvents, onRebalance: (KafkaConsumerEvent) -> Void = { _ in },
                        afterBatch: (Int, BatchOutcome) throws -> Bool = { _, _ in true }) async throws {
        let (prepared, preparedSink) = AsyncThrowingStream.makeStream(of: Prepared.self)
        let (credits, creditSink) = AsyncStream.makeStream(of: Void.self)
        let decoder = decoder
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var granted = credits.makeAsyncIterator()
                do {
                    for try await event in events {
                        guard case .messages(let messages) = event else {
                            preparedSink.yield(.rebalance(event))
                            continue
                        }
                        preparedSink.yield(.batch(DecodedBatch(messages, decoder: decoder)))
                        // Wait until the batch is taken: the next read overlaps its transaction, not the one before.
                        guard await granted.next() != nil else { break }
                    }
                    preparedSink.finish()
                } catch {
                    preparedSink.finish(throwing: error)
                }
            }
            defer { group.cancelAll() }
            for try await step in prepared {
                switch step {
                case .rebalance(let event):
                    onRebalance(event)
                case .batch(let batch):
                    creditSink.yield()
                    let outcome = try await process(batch)
                    guard try afterBatch(batch.messages.count, outcome) else { return }
                }
            }
        }
    }

    /// A step handed from the reader to the applier.
    enum Prepared: Sendable {
        case rebalance(KafkaConsumerEvent)
        case batch(DecodedBatch)
    }
}
