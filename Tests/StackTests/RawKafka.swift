import CRdKafka
import Foundation

/// A minimal, test-only use of librdkafka's C API: it proves the broker and the library work
/// together independently of the `Kafka` module's wrapper.
enum RawKafka {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// A C error buffer as text.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func config(_ pairs: [String: String]) throws -> OpaquePointer {
        let conf = rd_kafka_conf_new()!
        var err = [CChar](repeating: 0, count: 512)
        for (key, value) in pairs where rd_kafka_conf_set(conf, key, value, &err, err.count) != RD_KAFKA_CONF_OK {
            rd_kafka_conf_destroy(conf)
            throw Failure(description: "\(key): \(text(err))")
        }
        return conf
    }

    static func client(_ type: rd_kafka_type_t, _ pairs: [String: String]) throws -> OpaquePointer {
        let conf = try config(pairs)
        var err = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(type, conf, &err, err.count) else {
            throw Failure(description: "rd_kafka_new: \(text(err))")
        }
        return handle
    }

    /// Creates a topic with the C admin API and waits for the broker's answer.
    static func createTopic(_ name: String, partitions: Int32, brokers: String) throws {
        let handle = try client(RD_KAFKA_PRODUCER, ["bootstrap.servers": brokers])
        defer { rd_kafka_destroy(handle) }
        let queue = rd_kafka_queue_new(handle)!
        defer { rd_kafka_queue_destroy(queue) }
        var err = [CChar](repeating: 0, count: 512)
        var topic: OpaquePointer? = rd_kafka_NewTopic_new(name, partitions, 1, &err, err.count)
        defer { rd_kafka_NewTopic_destroy(topic) }
        rd_kafka_CreateTopics(handle, &topic, 1, nil, queue)
        guard let event = rd_kafka_queue_poll(queue, 15_000) else { throw Failure(description: "CreateTopics timed out") }
        defer { rd_kafka_event_destroy(event) }
        guard let result = rd_kafka_event_CreateTopics_result(event) else { throw Failure(description: "unexpected admin event") }
        var count = 0
        let topics = rd_kafka_CreateTopics_result_topics(result, &count)!
        for index in 0..<count {
            let code = rd_kafka_topic_result_error(topics[index])
            if code != RD_KAFKA_RESP_ERR_NO_ERROR && code != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS {
                throw Failure(description: "CreateTopics \(name): \(String(cString: rd_kafka_err2str(code)))")
            }
        }
    }
}
