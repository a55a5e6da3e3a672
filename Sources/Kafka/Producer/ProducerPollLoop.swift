import CRdKafka
import Foundation
import Synchronization

/// The producer's dedicated poll thread: serves delivery reports (`rd_kafka_poll`) until stopped.
///
/// A dedicated `Thread` rather than a task because `rd_kafka_poll` blocks for up to its timeout and must
/// not hold a thread of Swift's cooperative pool.
final class ProducerPollLoop: Sendable {
    private let client: RDKafkaClient
    private let router: DeliveryRouter
    private let running = Atomic<Bool>(true)
    private let exited = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Starts polling `client` on a new thread.
    ///
    /// - Parameters:
    ///   - client: The producer handle.
    ///   - router: Told after each poll that the local queue may have room.
    init(client: RDKafkaClient, router: DeliveryRouter) {
        self.client = client
        self.router = router
        let thread = Thread { [self] in loop() }
        thread.name = "librdkafka-producer-poll"
        thread.start()
    }

    private func loop() {
        while running.load(ordering: .acquiring) {
            client.withHandle { _ = rd_kafka_poll($0, 100) }
            router.resumeSpaceWaiters()
        }
        // One last pass so reports produced by a final flush/purge reach their waiters.
        client.withHandle { _ = rd_kafka_poll($0, 0) }
        router.resumeSpaceWaiters(final: true)
        let waiters = exited.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.done = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Stops the thread and waits until it has exited.
    func stop() async {
        running.store(false, ordering: .releasing)
        await withCheckedContinuation { continuation in
            let done = exited.withLock { state in
                if !state.done { state.waiters.append(continuation) }
                return state.done
            }
            if done { continuation.resume() }
        }
    }
}
