import EventSchemas

extension OutboxRecord {
    /// The headers as a JSON object with sorted keys (the `headers` jsonb column).
    public var headersJSON: String {
        JSONValue.object(headers.mapValues { .string($0) }).serialized(sortedKeys: true)
    }
}
