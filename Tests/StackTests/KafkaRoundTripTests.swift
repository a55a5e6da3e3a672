import CRdKafka
import Foundation
import Kafka
import Testing

@Suite("Kafka-protocol broker from the local stack, through librdkafka")
struct KafkaRoundTripTests {
    @Test("the linked librdkafka is 2.3 or newer")
    func librdkafkaVersion() {
        #expect(Librdkafka.isSupported, "linked librdkafka \(Librdkafka.version) cannot talk to current brokers")
        #expect(Librdkafka.version.hasPrefix("2."))
    }

    @Test("a message produced with a key and a header is consumed back intact")
    func produceConsume() throws {
        let brokers = try TestEnvironment.kafkaBrokers()
        let topic = TestEnvironment.uniqueName("stack-roundtrip")
        try RawKafka.createTopic(topic, partitions: 1, brokers: brokers)

        let producer = try RawKafka.client(RD_KAFKA_PRODUCER, [
            "bootstrap.servers": brokers, "enable.idempotence": "true", "acks": "all",
        ])
        defer { rd_kafka_destroy(producer) }
        let key = Array("loan-42".utf8), value = Array(#"{"amount":"1250.00","currency":"INR"}"#.utf8)
        let headers = rd_kafka_headers_new(1)!
        rd_kafka_header_add(headers, "event_type", -1, "repayment.received", -1)
        var vus = [rd_kafka_vu_t](repeating: rd_kafka_vu_t(), count: 5)
        vus[0].vtype = RD_KAFKA_VTYPE_TOPIC
        vus[1].vtype = RD_KAFKA_VTYPE_KEY
        vus[2].vtype = RD_KAFKA_VTYPE_VALUE
        vus[3].vtype = RD_KAFKA_VTYPE_HEADERS
        vus[3].u.headers = headers
        vus[4].vtype = RD_KAFKA_VTYPE_MSGFLAGS
        vus[4].u.i = RD_KAFKA_MSG_F_COPY
        let produced = topic.withCString { topicName in
            key.withUnsafeBytes { keyBytes in
                value.withUnsafeBytes { valueBytes in
                    vus[0].u.cstr = topicName
                    vus[1].u.mem.ptr = UnsafeMutableRawPointer(mutating: keyBytes.baseAddress)
                    vus[1].u.mem.size = keyBytes.count
                    vus[2].u.mem.ptr = UnsafeMutableRawPointer(mutating: valueBytes.baseAddress)
                    vus[2].u.mem.size = valueBytes.count
                    return rd_kafka_produceva(producer, &vus, vus.count)
                }
            }
        }
        let produceError = rd_kafka_error_code(produced)
        rd_kafka_error_destroy(produced)
        #expect(produceError == RD_KAFKA_RESP_ERR_NO_ERROR)
        #expect(rd_kafka_flush(producer, 15_000) == RD_KAFKA_RESP_ERR_NO_ERROR, "every message delivered")

        let consumer = try RawKafka.client(RD_KAFKA_CONSUMER, [
            "bootstrap.servers": brokers, "group.id": topic, "enable.auto.commit": "false",
        ])
        defer { rd_kafka_consumer_close(consumer); rd_kafka_destroy(consumer) }
        let partitions = rd_kafka_topic_partition_list_new(1)!
        defer { rd_kafka_topic_partition_list_destroy(partitions) }
        rd_kafka_topic_partition_list_add(partitions, topic, 0).pointee.offset = Int64(RD_KAFKA_OFFSET_BEGINNING)
        #expect(rd_kafka_assign(consumer, partitions) == RD_KAFKA_RESP_ERR_NO_ERROR)

        let deadline = Date().addingTimeInterval(20)
        var received: (key: String, value: String, header: String)?
        while received == nil, Date() < deadline {
            guard let message = rd_kafka_consumer_poll(consumer, 500) else { continue }
            defer { rd_kafka_message_destroy(message) }
            let m = message.pointee
            guard m.err == RD_KAFKA_RESP_ERR_NO_ERROR else { continue }
            var headerValue: UnsafeRawPointer?
            var headerSize = 0
            var messageHeaders: OpaquePointer?
            rd_kafka_message_headers(message, &messageHeaders)
            rd_kafka_header_get_last(messageHeaders, "event_type", &headerValue, &headerSize)
            received = (
                String(decoding: UnsafeRawBufferPointer(start: m.key, count: m.key_len), as: UTF8.self),
                String(decoding: UnsafeRawBufferPointer(start: m.payload, count: m.len), as: UTF8.self),
                String(decoding: UnsafeRawBufferPointer(start: headerValue, count: headerSize), as: UTF8.self)
            )
        }
        #expect(received?.key == "loan-42")
        #expect(received?.value == #"{"amount":"1250.00","currency":"INR"}"#)
        #expect(received?.header == "repayment.received")
    }
}
