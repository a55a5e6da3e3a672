import Dispatch

/// Runs blocking librdkafka calls (poll, flush, commit, metadata, admin) on a private serial
/// `DispatchQueue`, so they never occupy a thread of Swift's cooperative pool, and resumes the caller
/// through a continuation.
struct BlockingExecutor: Sendable {
    private let queue: DispatchQueue

    /// Creates an executor with its own serial queue.
    ///
    /// - Parameter label: The queue label, shown in debuggers and crash logs.
    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `body` on the executor's queue and returns its result.
    ///
    /// Calls are serialized: a second call waits for the first, which is what the consumer relies on to
    /// keep `consume`, `seek` and `close` from interleaving.
    ///
    /// - Parameter body: The blocking work.
    /// - Returns: What `body` returned.
    /// - Throws: What `body` threw.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
