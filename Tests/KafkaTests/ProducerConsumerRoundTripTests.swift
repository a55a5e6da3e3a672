import Kafka
import Testing

@Suite("Producer and consumer against the local broker")
struct ProducerConsumerRoundTripTests {
    @Test("a message comes back with its key, value and byte headers where the delivery report said")
    func roundTripWithHeaders() async throws {
        let brokers = try KafkaTestSupport.brokers()
        let admin = try KafkaTestSupport.admin()
        let topic = try await KafkaTestSupport.createTopic("roundtrip", partitions: 3, admin: admin)
        let producer = try KafkaTestSupport.producer(brokers: brokers)
        let headers = [
            KafkaHeader(name: "event_type", string: "repayment.received"),
            KafkaHeader(name: "binary", value: [0, 255, 1, 254]),
            KafkaHeader(name: "empty", value: []),
            KafkaHeader(name: "null", value: nil),
            KafkaHeader(name: "event_type", string: "repeated names keep their order"),
        ]
        let value = KafkaTestSupport.bytes(#"{"amount":"1250.00","currency":"INR"}"#)
        let report = try await producer.send(topic: topic, key: KafkaTestSupport.bytes("loan-42"), value: value, headers: headers)
        try await producer.close()

        let consumer = try KafkaConsumer(configuration: KafkaTestSupport.consumerConfiguration(brokers: brokers, group: nil))
        try await consumer.assign([KafkaTopicPartition(topic: topic, partition: report.partition): .beginning])
        let messages = try await KafkaTestSupport.collect(1, from: consumer)
        try await consumer.close()

        let message = try #require(messages.first)
        #expect(messages.count == 1)
        #expect(message.topic == topic)
        #expect(message.partition == report.partition)
        #expect(message.offset == report.offset)
        #expect(message.key.map(Array.init) == KafkaTestSupport.bytes("loan-42"))
        #expect(message.value.map(Array.init) == value)
        #expect(message.headers == headers)
        #expect(message.header("null") == .some(nil))
        #expect(message.header("absent") == nil)
    }

    @Test("every key's messages arrive on one partition in the order they were sent (50 keys × 40, 6 partitions)")
    func perKeyOrder() async throws {
        let brokers = try KafkaTestSupport.brokers()
        let admin = try KafkaTestSupport.admin()
        let topic = try await KafkaTestSupport.createTopic("order", partitions: 6, admin: admin)
        let producer = try KafkaTestSupport.producer(brokers: brokers)
        let keys = (0..<50).map { "loan-\($0)" }
        // Interleave keys so ordering is tested across concurrent in-flight batches, not key by key.
        var messages: [KafkaProducerMessage] = []
        for sequence in 0..<40 {
            for key in keys {
                messages.append(KafkaProducerMessage(topic: topic, key: key, value: KafkaTestSupport.bytes("\(sequence)")))
            }
        }
        let reports = try await producer.sendBatch(messages)
        try await producer.close()
        #expect(reports.count == 2000)

        let consumer = try KafkaConsumer(configuration: KafkaTestSupport.consumerConfiguration(brokers: brokers, group: nil))
        try await consumer.assign(Dictionary(uniqueKeysWithValues: (0..<6).map {
            (KafkaTopicPartition(topic: topic, partition: Int32($0)), KafkaOffset.beginning)
        }))
        let consumed = try await KafkaTestSupport.collect(2000, from: consumer)
        try await consumer.close()

        #expect(consumed.count == 2000)
        var sequences: [String: [Int]] = [:]
        var partitionOfKey: [String: Set<Int32>] = [:]
        for message in consumed {
            let key = String(decoding: message.key ?? [], as: UTF8.self)
            sequences[key, default: []].append(Int(String(decoding: message.value ?? [], as: UTF8.self)) ?? -1)
            partitionOfKey[key, default: []].insert(message.partition)
        }
        #expect(sequences.count == 50)
        for key in keys {
            #expect(sequences[key] == Array(0..<40), "key \(key) out of order or incomplete")
            #expect(partitionOfKey[key]?.count == 1, "key \(key) spread over partitions \(partitionOfKey[key] ?? [])")
        }
        #expect(Set(consumed.map(\.partition)).count > 1, "50 keys should use more than one of 6 partitions")
    }
}
