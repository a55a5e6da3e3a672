import CRdKafka

/// Builds the `rd_kafka_vu_t` argument array for `rd_kafka_produceva` from a ``KafkaProducerMessage``.
enum RDKafkaProduce {
    /// Enqueues `message` on `rk` without blocking. librdkafka copies key, value and headers
    /// (`RD_KAFKA_MSG_F_COPY`), so the Swift buffers need only live for this call.
    ///
    /// - Parameters:
    ///   - rk: The producer handle.
    ///   - message: The message.
    ///   - opaque: The per-message opaque value returned in its delivery report.
    /// - Returns: `RD_KAFKA_RESP_ERR_NO_ERROR`, `_QUEUE_FULL` (retry after deliveries drain), or a permanent error.
    static func enqueue(
        _ rk: OpaquePointer, _ message: KafkaProducerMessage, opaque: UnsafeMutableRawPointer?
    ) -> rd_kafka_resp_err_t {
        message.topic.withCString { topic in
            withOptionalBytes(message.key) { key in
                withOptionalBytes(message.value) { value in
                    var arguments: [rd_kafka_vu_t] = []
                    arguments.reserveCapacity(7)
                    var argument = rd_kafka_vu_t()
                    argument.vtype = RD_KAFKA_VTYPE_TOPIC
                    argument.u.cstr = topic
                    arguments.append(argument)
                    argument.vtype = RD_KAFKA_VTYPE_PARTITION
                    argument.u.i32 = message.partition ?? RD_KAFKA_PARTITION_UA
                    arguments.append(argument)
                    argument.vtype = RD_KAFKA_VTYPE_MSGFLAGS
                    argument.u.i = RD_KAFKA_MSG_F_COPY
                    arguments.append(argument)
                    argument.vtype = RD_KAFKA_VTYPE_OPAQUE
                    argument.u.ptr = opaque
                    arguments.append(argument)
                    if let key {
                        argument.vtype = RD_KAFKA_VTYPE_KEY
                        argument.u.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress)
                        argument.u.mem.size = key.count
                        arguments.append(argument)
                    }
                    if let value {
                        argument.vtype = RD_KAFKA_VTYPE_VALUE
                        argument.u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress)
                        argument.u.mem.size = value.count
                        arguments.append(argument)
                    }
                    var headers: OpaquePointer?
                    if !message.headers.isEmpty {
                        let list = makeHeaders(message.headers)
                        headers = list
                        argument.vtype = RD_KAFKA_VTYPE_HEADERS
                        argument.u.headers = list
                        arguments.append(argument)
                    }
                    guard let error = rd_kafka_produceva(rk, arguments, arguments.count) else {
                        return RD_KAFKA_RESP_ERR_NO_ERROR  // the message now owns the headers
                    }
                    defer { rd_kafka_error_destroy(error) }
                    if let headers { rd_kafka_headers_destroy(headers) }  // not taken on failure
                    return rd_kafka_error_code(error)
                }
            }
        }
    }

    /// Copies headers into a new librdkafka header list.
    private static func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer {
        let list = rd_kafka_headers_new(headers.count)!
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
