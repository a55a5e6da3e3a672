import Foundation

extension StoredEvent {
    /// The event in the nullable columns of a `LEFT JOIN LATERAL` on the stream's table (`version, event_id,
    /// event_type, schema_version, occurred_at, effective_at, payload::text`); `nil` for the row that carries none.
    init?(streamID: UUID, joined columns: (Int?, UUID?, String?, Int?, Date?, Date?, String?)) {
        guard let version = columns.0, let eventID = columns.1, let type = columns.2, let schemaVersion = columns.3,
              let occurredAt = columns.4, let effectiveAt = columns.5, let json = columns.6 else { return nil }
        self.init(streamID: streamID, version: version, eventID: eventID, eventType: type, schemaVersion: schemaVersion,
                  occurredAt: occurredAt, effectiveAt: effectiveAt, json: json)
    }
}
