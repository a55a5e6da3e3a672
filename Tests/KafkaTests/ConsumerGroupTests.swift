import Kafka
import Synchronization
import Testing

@Suite("Consumer groups on the local broker")
struct ConsumerGroupTests {
    /// Reads events until `condition` holds for the consumer's assignment, or until `timeout` passed.
    private static func waitForAssignment(
        _ consumer: KafkaConsumer, timeout: Duration = .seconds(30),
        _ condition: @escaping @Sendable ([KafkaTopicPartition]) -> Bool
    ) async throws -> [KafkaTopicPartition] {
        try await KafkaTestSupport.withTimeout(timeout) {
            if try await condition(consumer.assignment()) { return try await consumer.assignment() }
            for try await _ in consumer.events {
                let assignment = try await consumer.assignment()
                if condition(assignment) { return assignment }
            }
            return try await consumer.assignment()
        }
    }

    @Test("two members split the partitions; the survivor takes all of them when the other leaves",
          arguments: [KafkaConsumerConfiguration.RebalanceProtocol.eager, .cooperative])
    func membersSplitAndTakeOver(protocol rebalanceProtocol: KafkaConsumerConfiguration.RebalanceProtocol) async throws {
        let brokers = try KafkaTestSupport.brokers()
        let admin = try KafkaTestSupport.admin()
        let topic = try await KafkaTestSupport.createTopic("group", partitions: 6, admin: admin)
        let group = KafkaTestSupport.uniqueName("group")
        var configuration = KafkaTestSupport.consumerConfiguration(brokers: brokers, group: group)
        configuration.rebalanceProtocol = rebalanceProtocol
        let all = Set((0..<6).map { KafkaTopicPartition(topic: topic, partition: Int32($0)) })

        let first = try KafkaConsumer(configuration: configuration)
        try first.subscribe(topics: [topic])
        let alone = try await Self.waitForAssignment(first) { Set($0) == all }
        #expect(Set(alone) == all, "a single member should own every partition")

        let second = try KafkaConsumer(configuration: configuration)
        try second.subscribe(topics: [topic])
        // Both members must keep polling for the rebalance to complete, so drive them concurrently.
        async let firstShare = Self.waitForAssignment(first) { !$0.isEmpty && $0.count < 6 }
        async let secondShare = Self.waitForAssignment(second) { !$0.isEmpty }
        let (shareOne, shareTwo) = try await (firstShare, secondShare)
        #expect(!shareOne.isEmpty && !shareTwo.isEmpty, "each member should get partitions: \(shareOne) / \(shareTwo)")
        #expect(Set(shareOne).isDisjoint(with: shareTwo), "a partition was assigned twice")
        #expect(Set(shareOne).union(shareTwo) == all, "some partition was assigned to nobody")

        try await second.close()
        let takeover = try await Self.waitForAssignment(first) { Set($0) == all }
        #expect(Set(takeover) == all, "the remaining member should take over every partition")
        try await first.close()
    }

    @Test("start offsets supplied at assignment are where reading begins (offsets kept outside Kafka)")
    func assignmentHandlerSuppliesOffsets() async throws {
        let brokers = try KafkaTestSupport.brokers()
        let admin = try KafkaTestSupport.admin()
        let topic = try await KafkaTestSupport.createTopic("storedoffset", partitions: 1, admin: admin)
        let producer = try KafkaTestSupport.producer(brokers: brokers)
        _ = try await producer.sendBatch((0..<20).map {
            KafkaProducerMessage(topic: topic, key: KafkaTestSupport.bytes("k"), value: KafkaTestSupport.bytes("\($0)"))
        })
        try await producer.close()

        // What a projector would read from its checkpoint table: the next offset to process is 13.
        let storedNextOffset: Int64 = 13
        let assignedSeen = Mutex<[KafkaTopicPartition]>([])
        let handler = KafkaConsumer.RebalanceHandler(onAssign: { partitions in
            assignedSeen.withLock { $0.append(contentsOf: partitions) }
            return Dictionary(uniqueKeysWithValues: partitions.map { ($0, KafkaOffset(storedNextOffset)) })
        })
        let configuration = KafkaTestSupport.consumerConfiguration(brokers: brokers, group: KafkaTestSupport.uniqueName("stored"))
        let consumer = try KafkaConsumer(configuration: configuration, rebalanceHandler: handler)
        try consumer.subscribe(topics: [topic])
        let messages = try await KafkaTestSupport.collect(7, from: consumer)
        try await consumer.close()

        #expect(assignedSeen.withLock { $0 } == [KafkaTopicPartition(topic: topic, partition: 0)])
        #expect(messages.map(\.offset) == Array(13..<20))
    }

    @Test("seek moves a manually assigned consumer back to a stored offset")
    func seekToStoredOffset() async throws {
        let brokers = try KafkaTestSupport.brokers()
        let admin = try KafkaTestSupport.admin()
        let topic = try await KafkaTestSupport.createTopic("seek", partitions: 1, admin: admin)
        let producer = try KafkaTestSupport.producer(brokers: brokers)
        _ = try await producer.sendBatch((0..<30).map {
            KafkaProducerMessage(topic: topic, key: nil, value: KafkaTestSupport.bytes("\($0)"))
        })
        try await producer.close()

        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        let consumer = try KafkaConsumer(configuration: KafkaTestSupport.consumerConfiguration(brokers: brokers, group: nil))
        try await consumer.assign([partition: KafkaOffset(5)])
        let firstRead = try await KafkaTestSupport.collect(25, from: consumer)
        #expect(firstRead.map(\.offset) == Array(5..<30))

        try await consumer.seek([partition: KafkaOffset(12)])
        let afterSeek = try await KafkaTestSupport.collect(18, from: consumer)
        try await consumer.close()
        #expect(afterSeek.map(\.offset) == Array(12..<30))
        #expect(afterSeek.first?.value.map(Array.init) == KafkaTestSupport.bytes("12"))
    }

    @Test("with auto.offset.reset=error a start offset beyond the log stops the consumer loudly")
    func offsetBeyondLogThrows() async throws {
        let brokers = try KafkaTestSupport.brokers()
        let admin = try KafkaTestSupport.admin()
        let topic = try await KafkaTestSupport.createTopic("reset", partitions: 1, admin: admin)
        let producer = try KafkaTestSupport.producer(brokers: brokers)
        _ = try await producer.sendBatch((0..<5).map { KafkaProducerMessage(topic: topic, key: nil, value: [UInt8($0)]) })
        try await producer.close()

        var configuration = KafkaTestSupport.consumerConfiguration(brokers: brokers, group: nil)
        configuration.autoOffsetReset = .error
        let partition = KafkaTopicPartition(topic: topic, partition: 0)

        // As if PostgreSQL remembered offset 100 but the broker lost the log (Tansu memory storage restart).
        let manual = try KafkaConsumer(configuration: configuration)
        let manualError = await #expect(throws: KafkaError.self) {
            try await manual.assign([partition: KafkaOffset(100)])
            _ = try await KafkaTestSupport.collect(1, from: manual, timeout: .seconds(20))
        }
        try await manual.close()
        #expect(manualError?.code == .offsetOutOfRange)

        // The same through a group: the offset comes from the assignment handler; the event sequence throws.
        configuration.groupID = KafkaTestSupport.uniqueName("reset")
        let grouped = try KafkaConsumer(configuration: configuration, rebalanceHandler: .init(onAssign: { partitions in
            Dictionary(uniqueKeysWithValues: partitions.map { ($0, KafkaOffset(100)) })
        }))
        try grouped.subscribe(topics: [topic])
        let groupError = await #expect(throws: KafkaError.self) {
            _ = try await KafkaTestSupport.collect(1, from: grouped, timeout: .seconds(20))
        }
        try await grouped.close()
        #expect(groupError?.code == .rebalance)
        #expect(groupError.map { "\($0)".contains("outside the log [0, 5]") } == true)

        // The end of the log itself is a valid place to resume: nothing is read, nothing is thrown.
        let atEnd = try KafkaConsumer(configuration: { var c = configuration; c.groupID = nil; return c }())
        try await atEnd.assign([partition: KafkaOffset(5)])
        #expect(try await KafkaTestSupport.collect(1, from: atEnd, timeout: .seconds(2)).isEmpty)
        try await atEnd.close()
    }
}
