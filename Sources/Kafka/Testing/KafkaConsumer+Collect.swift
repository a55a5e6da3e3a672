extension KafkaConsumer {
    /// Reads message batches until `done` says the messages suffice or `timeout` passes, and returns what arrived
    /// (for tests and tools that read a topic back).
    ///
    /// The event sequence waits for as long as nothing arrives, so the timeout cancels the reading task (the
    /// sequence ends on cancellation) and the messages read until then are returned; errors from the sequence are
    /// rethrown.
    ///
    /// - Parameters:
    ///   - timeout: The longest wait.
    ///   - done: Whether the messages read so far suffice.
    /// - Returns: The messages, in the order they were read.
    public func collect(timeout: Duration = .seconds(30),
                        until done: @escaping @Sendable ([KafkaMessage]) -> Bool) async throws -> [KafkaMessage] {
        try await withThrowingTaskGroup(of: [KafkaMessage]?.self) { group in
            group.addTask {
                var messages: [KafkaMessage] = []
                do {
                    for try await event in self.events {
                        if case .messages(let batch) = event { messages.append(contentsOf: batch) }
                        if done(messages) { break }
                    }
                } catch is CancellationError {}
                return messages
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let messages = result { return messages }
                group.cancelAll()  // timed out: the reader returns what it has once it sees the cancellation
            }
            return []
        }
    }
}
