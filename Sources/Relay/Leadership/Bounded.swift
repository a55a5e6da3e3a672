import Synchronization

/// Waits for an operation at most `timeout`, without waiting for the operation to notice cancellation.
///
/// A query on a connection whose server session was killed may not return, and may not react to task
/// cancellation either; a task group would then wait for it forever. Here the operation runs in an
/// unstructured task that is left to finish (or not) on its own once the timeout has answered.
///
/// - Parameters:
///   - timeout: The longest wait.
///   - operation: The work; its result, or `false` on timeout.
/// - Returns: The operation's result, or `false` when `timeout` passed first.
func bounded(_ timeout: Duration, _ operation: @escaping @Sendable () async -> Bool) async -> Bool {
    let once = ResumeOnce()
    return await withCheckedContinuation { continuation in
        once.arm(continuation)
        Task { once.resume(with: await operation()) }
        Task {
            try? await Task.sleep(for: timeout)
            once.resume(with: false)
        }
    }
}

/// Resumes a continuation with the first result it is given; later results are dropped.
private final class ResumeOnce: Sendable {
    private let continuation = Mutex<CheckedContinuation<Bool, Never>?>(nil)

    func arm(_ continuation: CheckedContinuation<Bool, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resume(with result: Bool) {
        let waiting = continuation.withLock { stored -> CheckedContinuation<Bool, Never>? in
            defer { stored = nil }
            return stored
        }
        waiting?.resume(returning: result)
    }
}
