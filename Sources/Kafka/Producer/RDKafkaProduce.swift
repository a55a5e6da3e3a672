import CRdKafka

/// Builds the `rd_kafka_vu_t` argument array for `rd_kafka_produceva` from a ``KafkaProducerMessage``.
enum RDKafkaProduce {
    /// Enqueues `message` on `rk` without blocking. librdkafka copies key, value and headers
    /// (`RD_KAFKA_MSG_F_COPY`), so the Swift buffers need only live for this call.
    ///
    /// - Parameters:
    ///   - rk: The producer handle.
    ///   - topic: The topic handle for `message.topic` (from ``RDKafkaClient/topicHandle(_:)``).
    ///   - message: The message.
    ///   - opaque: The per-message opaque value returned in its delivery report.
    /// - Returns: `RD_KAFKA_RESP_ERR_NO_ERROR`, `_QUEUE_FULL` (retry after deliveries drain), or a permanent error.
    static func enqueue(
        _ rk: OpaquePointer, topic: OpaquePointer, _ message: KafkaProducerMessage, opaque: UnsafeMutableRawPointer?
    ) -> rd_kafka_resp_err_t {
        withOptionalBytes(message.key) { key in
            withOptionalBytes(message.value) { value in
                // A stack buffer rather than an array: this runs once per message.
                withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 7) { arguments in
                    var count = 0
                    func append(_ type: rd_kafka_vtype_t, _ set: (inout rd_kafka_vu_t) -> Void) {
                        var argument = rd_kafka_vu_t()
                        argument.vtype = type
                        set(&argument)
                        arguments[count] = argument
                        count += 1
                    }
                    append(RD_KAFKA_VTYPE_RKT) { $0.u.rkt = topic }
                    append(RD_KAFKA_VTYPE_PARTITION) { $0.u.i32 = message.partition ?? RD_KAFKA_PARTITION_UA }
                    append(RD_KAFKA_VTYPE_MSGFLAGS) { $0.u.i = RD_KAFKA_MSG_F_COPY }
                    append(RD_KAFKA_VTYPE_OPAQUE) { $0.u.ptr = opaque }
                    if let key {
                        append(RD_KAFKA_VTYPE_KEY) {
                            $0.u.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress)
                            $0.u.mem.size = key.count
                        }
                    }
                    if let value {
                        append(RD_KAFKA_VTYPE_VALUE) {
                            $0.u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress)
                            $0.u.mem.size = value.count
                        }
                    }
                    var headers: OpaquePointer?
                    if !message.headers.isEmpty {
                        guard let list = makeHeaders(message.headers) else { return RD_KAFKA_RESP_ERR__FAIL }
                        headers = list
                        append(RD_KAFKA_VTYPE_HEADERS) { $0.u.headers = list }
                    }
                    guard let error = rd_kafka_produceva(rk, arguments.baseAddress, count) else {
                        return RD_KAFKA_RESP_ERR_NO_ERROR  // the message now owns the headers
                    }
                    defer { rd_kafka_error_destroy(error) }
                    if let headers { rd_kafka_headers_destroy(headers) }  // not taken on failure
                    return rd_kafka_error_code(error)
                }
            }
        }
    }

    /// Copies headers into a new librdkafka header list (`nil` only if librdkafka could not allocate one).
    private static func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer? {
        guard let list = rd_kafka_headers_new(headers.count) else { return nil }
        for header in headers {
            withOptionalBytes(header.value) { bytes in
                // A nil value pointer makes a null header; an empty buffer makes an empty one.
                let pointer = bytes.map { $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1) } ?? nil
                _ = rd_kafka_header_add(list, header.name, -1, pointer, bytes?.count ?? 0)
            }
        }
        return list
    }

    /// Lends the bytes of an optional array (`nil` stays `nil`).
    private static func withOptionalBytes<T>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> T) -> T {
        guard let bytes else { return body(nil) }
        return bytes.withUnsafeBytes { body($0) }
    }
}
