/// The consumer's messages and rebalance events as an `AsyncSequence` (see ``KafkaConsumer/events``).
///
/// Pull-based: each `next()` reads one batch from librdkafka's prefetch queue, so a slow reader slows
/// fetching instead of buffering without bound. Rebalance events come before the messages of the read
/// during which they happened. Only one task should iterate a consumer at a time.
public struct KafkaConsumerEvents: AsyncSequence, Sendable {
    public typealias Element = KafkaConsumerEvent

    let consumer: KafkaConsumer

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(consumer: consumer)
    }

    /// Iterates ``KafkaConsumerEvents``.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let consumer: KafkaConsumer
        private var buffered: [KafkaConsumerEvent] = []

        init(consumer: KafkaConsumer) {
            self.consumer = consumer
        }

        /// The next batch or rebalance event.
        ///
        /// - Returns: The event, or `nil` once the consumer is closed or the task is cancelled.
        /// - Throws: ``KafkaError`` for errors the application must act on.
        public mutating func next() async throws -> KafkaConsumerEvent? {
            while true {
                if !buffered.isEmpty { return buffered.removeFirst() }
                if let error = pendingError {
                    pendingError = nil
                    throw error
                }
                if consumer.closed.load(ordering: .acquiring) || Task.isCancelled { return nil }
                let read = try await consumer.readBatch()
                buffered = read.events
                if !read.messages.isEmpty { buffered.append(.messages(read.messages)) }
                // What arrived before a failure is delivered first; the failure is thrown on the next call.
                pendingError = read.error
            }
        }

        private var pendingError: KafkaError?
    }
}
