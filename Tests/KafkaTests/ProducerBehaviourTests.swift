import Kafka
import Testing

@Suite("Producer backpressure and shutdown")
struct ProducerBehaviourTests {
    @Test("a full local queue slows sending down instead of dropping messages")
    func backpressureNeverDrops() async throws {
        let brokers = try KafkaTestSupport.brokers()
        let admin = try KafkaTestSupport.admin()
        let topic = try await KafkaTestSupport.createTopic("backpressure", partitions: 2, admin: admin)
        // A queue of 50 messages against a batch of 3,000 forces many QUEUE_FULL waits.
        let producer = try KafkaTestSupport.producer(brokers: brokers) { $0.queueMaxMessages = 50 }
        let reports = try await producer.sendBatch((0..<3000).map {
            KafkaProducerMessage(topic: topic, key: KafkaTestSupport.bytes("k\($0 % 7)"), value: KafkaTestSupport.bytes("\($0)"))
        })
        try await producer.close()
        #expect(reports.count == 3000)
        #expect(Set(reports.map { "\($0.partition)/\($0.offset)" }).count == 3000, "every message got its own offset")
    }

    @Test("closing with an unreachable broker fails every pending send instead of hanging or dropping it")
    func closeReportsEveryPendingMessage() async throws {
        // Port 9 (discard) is closed on loopback: nothing ever gets delivered.
        let producer = try KafkaTestSupport.producer(brokers: "127.0.0.1:9") { $0.deliveryTimeout = .seconds(120) }
        let pending = Task {
            try await producer.sendBatch((0..<25).map {
                KafkaProducerMessage(topic: "never-created", key: nil, value: [UInt8($0)])
            })
        }
        try await Task.sleep(for: .milliseconds(300))
        let closeError = await #expect(throws: KafkaError.self) { try await producer.close(timeout: .milliseconds(500)) }
        #expect(closeError?.code == .timedOut)
        let sendError = await #expect(throws: KafkaError.self) { _ = try await pending.value }
        #expect(sendError?.librdkafkaErrorName?.hasPrefix("_PURGE") == true, "\(String(describing: sendError))")
        let afterClose = await #expect(throws: KafkaError.self) {
            _ = try await producer.send(topic: "never-created", key: nil, value: [1])
        }
        #expect(afterClose?.code == .closed)
    }

    @Test("closing while a send waits on a full local queue ends that send with an error instead of hanging")
    func closeDuringBackpressure() async throws {
        let producer = try KafkaTestSupport.producer(brokers: "127.0.0.1:9") {
            $0.queueMaxMessages = 10
            $0.deliveryTimeout = .seconds(120)
        }
        let pending = Task {
            try await producer.sendBatch((0..<100).map { KafkaProducerMessage(topic: "never-created", key: nil, value: [UInt8($0)]) })
        }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        await #expect(throws: KafkaError.self) { try await producer.close(timeout: .milliseconds(500)) }
        await #expect(throws: KafkaError.self) { _ = try await pending.value }
        #expect(ContinuousClock.now - started < .seconds(10), "close must not wait for the 120 s delivery timeout")
    }

    @Test("a message larger than the broker allows fails its send, and later messages of the batch are not sent")
    func oversizedMessageFailsLoudly() async throws {
        let brokers = try KafkaTestSupport.brokers()
        let admin = try KafkaTestSupport.admin()
        let topic = try await KafkaTestSupport.createTopic("oversized", partitions: 1, admin: admin)
        let producer = try KafkaTestSupport.producer(brokers: brokers) { $0.extraProperties["message.max.bytes"] = "10000" }
        let error = await #expect(throws: KafkaError.self) {
            _ = try await producer.sendBatch([
                KafkaProducerMessage(topic: topic, key: nil, value: [1]),
                KafkaProducerMessage(topic: topic, key: nil, value: Array(repeating: 7, count: 20_000)),
                KafkaProducerMessage(topic: topic, key: nil, value: [3]),
            ])
        }
        try await producer.close()
        #expect(error?.librdkafkaErrorName == "MSG_SIZE_TOO_LARGE")
        let marks = try await admin.watermarks(ofTopic: topic)
        #expect(marks[0]?.high == 1, "only the message before the oversized one may be written")
    }
}
