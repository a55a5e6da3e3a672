import CRdKafka
import Foundation
import Synchronization

/// The producer's dedicated poll thread: serves delivery-report events from the main queue until stopped.
///
/// A dedicated `Thread` rather than a task because `rd_kafka_queue_poll` blocks for up to its timeout and
/// must not hold a thread of Swift's cooperative pool. Reports come as batched events (`RD_KAFKA_EVENT_DR`)
/// rather than one callback per message, so the router's lock is taken once per batch of reports.
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
        guard let queue = client.withHandle({ rd_kafka_queue_get_main($0) }) else { return }
        defer { rd_kafka_queue_destroy(queue) }
        let capacity = 1024
        let messages = UnsafeMutablePointer<UnsafePointer<rd_kafka_message_t>?>.allocate(capacity: capacity)
        defer { messages.deallocate() }
        var reports: [DeliveryRouter.Report] = []
        reports.reserveCapacity(capacity)
        func serve(timeout: Int32) {
            // Delivery reports arrive as batched events; other queue items (errors, logs) are served as
            // callbacks inside rd_kafka_queue_poll.
            guard let event = rd_kafka_queue_poll(queue, timeout) else { return }
            defer { rd_kafka_event_destroy(event) }
            guard rd_kafka_event_type(event) == RD_KAFKA_EVENT_DR else { return }
            while true {
                let count = rd_kafka_event_message_array(event, messages, capacity)
                guard count > 0 else { break }
                reports.removeAll(keepingCapacity: true)
                for index in 0..<count {
                    guard let message = messages[index]?.pointee else { continue }
                    reports.append(DeliveryRouter.Report(
                        opaque: message._private, partition: message.partition, offset: message.offset,
                        failure: message.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : Self.failure(message)))
                }
                router.deliver(reports)
            }
        }
        while running.load(ordering: .acquiring) {
            serve(timeout: 100)
            router.resumeSpaceWaiters()
        }
        // Serve what is left (reports of a final flush or purge) so every waiter gets its outcome. Bounded,
        // so a producer dropped without `close` cannot keep this thread alive until message.timeout.ms.
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline,
            client.withHandle({ rd_kafka_outq_len($0) }) > 0 || rd_kafka_queue_length(queue) > 0
        {
            serve(timeout: 100)
        }
        router.resumeSpaceWaiters(final: true)
        let waiters = exited.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.done = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private static func failure(_ message: rd_kafka_message_t) -> KafkaError {
        let topic = message.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?"
        return .rdKafka(message.err, context: "delivery to \(topic) failed", default: .deliveryFailed)
    }

    /// Asks the thread to stop without waiting (for a producer released without `close`).
    func requestStop() {
        running.store(false, ordering: .releasing)
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
