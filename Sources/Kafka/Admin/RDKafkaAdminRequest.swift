import CRdKafka

/// Runs one librdkafka admin operation synchronously (call it on a blocking queue only).
enum RDKafkaAdminRequest {
    /// Creates options and a private result queue, issues the request, waits for its result event and
    /// lends the event to `read`. Every C object is freed before returning.
    ///
    /// - Parameters:
    ///   - rk: The client handle.
    ///   - operation: The admin operation, for option validation.
    ///   - timeout: Request timeout; the wait for the result adds a few seconds of slack.
    ///   - issue: Sends the request with the given options and result queue.
    ///   - read: Extracts the result from the event.
    /// - Returns: What `read` returned.
    /// - Throws: ``KafkaError`` with code `admin` or `timedOut`.
    static func perform<T>(
        _ rk: OpaquePointer, operation: rd_kafka_admin_op_t, timeout: Duration,
        issue: (_ options: OpaquePointer, _ queue: OpaquePointer) -> Void,
        read: (_ event: OpaquePointer) throws -> T
    ) throws -> T {
        guard let options = rd_kafka_AdminOptions_new(rk, operation) else {
            throw KafkaError(.admin, "admin options could not be created for operation \(operation.rawValue)")
        }
        defer { rd_kafka_AdminOptions_destroy(options) }
        var errorText = [CChar](repeating: 0, count: 512)
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeout.timeoutMilliseconds, &errorText, errorText.count)
        if operation == RD_KAFKA_ADMIN_OP_CREATETOPICS || operation == RD_KAFKA_ADMIN_OP_DELETETOPICS {
            // Wait for the controller to finish, so the topic is usable (or gone) when we return.
            _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeout.timeoutMilliseconds, &errorText, errorText.count)
        }
        guard let queue = rd_kafka_queue_new(rk) else { throw KafkaError(.admin, "result queue could not be created") }
        defer { rd_kafka_queue_destroy(queue) }
        issue(options, queue)
        guard let event = rd_kafka_queue_poll(queue, (timeout + .seconds(5)).timeoutMilliseconds) else {
            throw KafkaError(.timedOut, "admin request got no result within \(timeout)")
        }
        defer { rd_kafka_event_destroy(event) }
        let error = rd_kafka_event_error(event)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let detail = rd_kafka_event_error_string(event).map { String(cString: $0) } ?? ""
            throw KafkaError.rdKafka(error, context: "admin request failed: \(detail)", default: .admin)
        }
        return try read(event)
    }

    /// Wraps a per-item admin result error (topic or group result) as a ``KafkaError``.
    static func itemError(_ error: rd_kafka_resp_err_t, _ message: UnsafePointer<CChar>?, item: String) -> KafkaError {
        let detail = message.map { String(cString: $0) } ?? ""
        return .rdKafka(error, context: "\(item): \(detail)", default: .admin)
    }
}
