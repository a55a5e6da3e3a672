import EventSchemas

/// Decides whether one outbox row may be published: the checks are pure, so they run on any thread.
struct RowCheck: Sendable {
    /// The registry of `Schemas/` that event payloads are validated against.
    let schemas: SchemaRegistry
    /// Payloads larger than this are refused (Kafka would refuse them anyway, forever).
    let maxMessageBytes: Int

    /// Why `row` must not be published, or `nil` when it may be.
    ///
    /// Rows with an `event_type` header are events: their payload is validated strictly against
    /// `Schemas/<event_type>/v<schema_version>.json`. Rows without one (the CDC outbox's row images) only
    /// have to be JSON objects.
    func problem(with row: OutboxRow) -> String? {
        guard row.headersAreObject else { return "headers are not a JSON object" }
        guard row.payload.utf8.count <= maxMessageBytes else {
            return "payload is \(row.payload.utf8.count) bytes, more than the \(maxMessageBytes) bytes a message may have"
        }
        let payload: JSONValue
        do { payload = try JSONValue(parsing: row.payload) } catch { return "payload is not JSON: \(error)" }
        guard let eventType = row.header("event_type") else {
            return payload.objectValue == nil ? "payload is not a JSON object" : nil
        }
        guard let raw = row.header("schema_version"), let version = Int(raw) else {
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

    /// The problems of many rows, checked in parallel chunks, in row order (`nil` = publishable).
    ///
    /// - Parameter rows: The rows to check.
    /// - Returns: One entry per row.
    func problems(with rows: [OutboxRow]) async -> [String?] {
        let chunkSize = 512
        guard rows.count > chunkSize else { return rows.map(problem(with:)) }
        return await withTaskGroup(of: (Int, [String?]).self) { group in
            for start in stride(from: 0, to: rows.count, by: chunkSize) {
                let chunk = rows[start..<min(start + chunkSize, rows.count)]
                group.addTask { (start, chunk.map(self.problem(with:))) }
            }
            var result = [String?](repeating: nil, count: rows.count)
            for await (start, chunk) in group {
                result.replaceSubrange(start..<(start + chunk.count), with: chunk)
            }
            return result
        }
    }
}
