import EventSchemas
import Kafka

/// Decides whether one outbox row may be published and builds its Kafka message; pure, so the checks of a
/// round run in parallel on any thread.
struct RowCheck: Sendable {
    /// The registry of `Schemas/` that event payloads are validated against.
    let schemas: SchemaRegistry
    /// Payloads larger than this are refused (Kafka would refuse them anyway, forever).
    let maxMessageBytes: Int

    /// What to do with one row.
    enum Verdict: Sendable {
        /// Publish this message.
        case publish(KafkaProducerMessage)
        /// Park the row with this reason.
        case park(String)
    }

    /// Checks `row` and, when it may be published, builds its message for `topic`.
    ///
    /// Rows with an `event_type` header are events: their payload is validated strictly against
    /// `Schemas/<event_type>/v<schema_version>.json`. Rows without one (the CDC outbox's row images) only
    /// have to be JSON objects. Headers must be a JSON object; non-string values are sent as their JSON text.
    func verdict(on row: OutboxRow, topic: String) -> Verdict {
        row.headers.withUnsafeReadableBytes { headers in
            row.payload.withUnsafeReadableBytes { payload in
                verdict(key: row.key, headers: headers.assumingMemoryBound(to: UInt8.self),
                        payload: payload.assumingMemoryBound(to: UInt8.self), topic: topic)
            }
        }
    }

    private func verdict(key: String, headers text: UnsafeBufferPointer<UInt8>, payload: UnsafeBufferPointer<UInt8>,
                         topic: String) -> Verdict {
        guard let headers = RowHeaders(utf8: text) else {
            return .park("headers are not a JSON object")
        }
        guard payload.count <= maxMessageBytes else {
            return .park("payload is \(payload.count) bytes, more than the \(maxMessageBytes) bytes a message may have")
        }
        if let problem = problem(payload: payload, eventType: headers.eventType, schemaVersion: headers.schemaVersion) {
            return .park(problem)
        }
        return .publish(KafkaProducerMessage(topic: topic, key: key, value: Array(payload), headers: headers.kafka))
    }

    private func problem(payload bytes: UnsafeBufferPointer<UInt8>, eventType: String?, schemaVersion: Int?) -> String? {
        // Nearly every payload is valid: one pass over its bytes proves it. Only the rest are parsed and
        // validated on the tree, which finds the errors to park them with.
        if let eventType, let version = schemaVersion,
            schemas.proves(utf8: bytes, eventType: eventType, exactVersion: version)
        {
            return nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return "payload is not valid UTF-8" }
        let payload: JSONValue
        do { payload = try JSONValue(parsing: text) } catch { return "payload is not JSON: \(error)" }
        guard let eventType else {
            return payload.objectValue == nil ? "payload is not a JSON object" : nil
        }
        guard let version = schemaVersion else {
            return "event_type \(eventType) has no integer schema_version header"
        }
        do {
            let errors = try schemas.validate(payload, eventType: eventType, exactVersion: version, maxErrors: 5)
            guard !errors.isEmpty else { return nil }
            return "\(eventType) v\(version) fails its schema: " + errors.map(\.description).joined(separator: "; ")
        } catch {
            return "\(eventType) v\(version): \(error)"
        }
    }

    /// The verdicts on many rows, checked in parallel chunks, in row order.
    ///
    /// - Parameters:
    ///   - rows: The rows to check.
    ///   - source: Maps each row's topic to its Kafka topic.
    /// - Returns: One verdict per row.
    func verdicts(on rows: [OutboxRow], source: RelaySource) async -> [Verdict] {
        let chunkSize = 256
        guard rows.count > chunkSize else { return rows.map { verdict(on: $0, topic: source.kafkaTopic(for: $0.topic)) } }
        return await withTaskGroup(of: (Int, [Verdict]).self) { group in
            for start in stride(from: 0, to: rows.count, by: chunkSize) {
                let chunk = rows[start..<min(start + chunkSize, rows.count)]
                group.addTask { (start, chunk.map { self.verdict(on: $0, topic: source.kafkaTopic(for: $0.topic)) }) }
            }
            var result = [Verdict](repeating: .park("not checked"), count: rows.count)
            for await (start, chunk) in group {
                result.replaceSubrange(start..<(start + chunk.count), with: chunk)
            }
            return result
        }
    }
}
