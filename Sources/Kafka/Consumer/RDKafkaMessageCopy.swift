import CRdKafka

/// Copies a librdkafka message into a Swift ``KafkaMessage`` (the C message is destroyed right after).
enum RDKafkaMessageCopy {
    /// Remembers the last topic handle's name, so consecutive messages of one topic share one `String`
    /// instead of allocating a copy each (a batch is usually from one or a few topics).
    struct TopicNames {
        private var lastHandle: OpaquePointer?
        private var lastName = ""

        mutating func name(of handle: OpaquePointer?) -> String {
            guard let handle else { return "" }
            if handle != lastHandle {
                lastHandle = handle
                lastName = String(cString: rd_kafka_topic_name(handle))
            }
            return lastName
        }
    }

    /// Copies the messages of one batch; their keys and values go into one shared buffer.
    ///
    /// - Parameter messages: librdkafka messages without error, in delivery order.
    /// - Returns: the Swift messages, in the same order.
    static func copy(_ messages: [UnsafeMutablePointer<rd_kafka_message_t>], topics: inout TopicNames) -> [KafkaMessage] {
        let total = messages.reduce(0) { $0 + $1.pointee.key_len + $1.pointee.len }
        var cursor = 0
        let arena = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            for message in messages {
                let raw = message.pointee
                if let key = raw.key, raw.key_len > 0 {
                    (buffer.baseAddress! + cursor).initialize(from: key.assumingMemoryBound(to: UInt8.self), count: raw.key_len)
                    cursor += raw.key_len
                }
                if let payload = raw.payload, raw.len > 0 {
                    (buffer.baseAddress! + cursor).initialize(from: payload.assumingMemoryBound(to: UInt8.self), count: raw.len)
                    cursor += raw.len
                }
            }
            initialized = cursor
        }
        var result: [KafkaMessage] = []
        result.reserveCapacity(messages.count)
        var start = 0
        func slice(_ present: Bool, _ count: Int) -> ArraySlice<UInt8>? {
            guard present else { return nil }
            defer { start += count }
            return arena[start..<(start + count)]
        }
        for message in messages {
            let raw = message.pointee
            var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
            let timestamp = rd_kafka_message_timestamp(message, &timestampType)
            let key = slice(raw.key != nil, raw.key != nil ? raw.key_len : 0)
            let value = slice(raw.payload != nil, raw.payload != nil ? raw.len : 0)
            result.append(KafkaMessage(
                topic: topics.name(of: raw.rkt), partition: raw.partition, offset: raw.offset, key: key, value: value,
                headers: headers(message),
                timestampMilliseconds: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp))
        }
        return result
    }

    private static func bytes(_ pointer: UnsafeRawPointer?, _ count: Int) -> [UInt8]? {
        guard let pointer else { return nil }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private static func bytes(_ pointer: UnsafeMutableRawPointer?, _ count: Int) -> [UInt8]? {
        bytes(UnsafeRawPointer(pointer), count)
    }

    private static func headers(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> [KafkaHeader] {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return [] }
        var headers: [KafkaHeader] = []
        var index = 0
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        while rd_kafka_header_get_all(list, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            headers.append(KafkaHeader(name: name.map { String(cString: $0) } ?? "", value: bytes(value, size)))
            index += 1
        }
        return headers
    }
}
