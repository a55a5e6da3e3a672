import EventSchemas
import Kafka

/// An outbox row's `headers` column, unpacked: the Kafka headers (sorted by name) and the two that
/// say how to validate the payload.
struct RowHeaders: Sendable {
    /// The headers to send, sorted by name; non-string JSON values are sent as their JSON text.
    var kafka: [KafkaHeader] = []
    /// `event_type`, when it is a string.
    var eventType: String?
    /// `schema_version` as an integer (sent as a string or as a JSON number), when it is one.
    var schemaVersion: Int?

    /// Reads the column's text.
    ///
    /// - Parameter text: The `headers` column.
    /// - Returns: `nil` when the text is not a JSON object.
    init?(_ text: String) {
        var copy = text
        guard let headers = copy.withUTF8(RowHeaders.init(utf8:)) else { return nil }
        self = headers
    }

    /// Reads the column's text from its UTF-8 bytes.
    ///
    /// The write side stores a flat object of strings without escapes, which is read straight from its
    /// bytes (``JSONTopLevel``: no JSON tree, no dictionary). Anything else is parsed as JSON.
    ///
    /// - Parameter utf8: The `headers` column's bytes.
    /// - Returns: `nil` when the text is not a JSON object.
    init?(utf8: UnsafeBufferPointer<UInt8>) {
        if let flat = Self.flatStrings(utf8) {
            self = flat
            return
        }
        guard let object = (try? JSONValue(parsing: String(decoding: utf8, as: UTF8.self)))?.objectValue else { return nil }
        kafka = object.map { name, value in KafkaHeader(name: name, value: Array((value.stringValue ?? value.serialized()).utf8)) }
            .sorted { $0.name < $1.name }
        eventType = object["event_type"]?.stringValue
        let version = object["schema_version"]
        schemaVersion = (version?.stringValue ?? version?.numberValue?.description).flatMap { Int($0) }
    }

    private init() {}

    /// A JSON object whose members are all strings without escapes or control characters, and whose
    /// names do not repeat; `nil` for anything else.
    private static func flatStrings(_ bytes: UnsafeBufferPointer<UInt8>) -> RowHeaders? {
        var headers = RowHeaders()
        headers.kafka.reserveCapacity(8)
        var flat = true
        let read = JSONTopLevel.members(bytes) { name, value in
            guard flat, case .string(let value) = value else {
                flat = false
                return
            }
            let header = KafkaHeader(name: String(decoding: name, as: UTF8.self), value: Array(value))
            guard !headers.kafka.contains(where: { $0.name == header.name }) else {
                flat = false
                return
            }
            if header.name == "event_type" { headers.eventType = String(decoding: value, as: UTF8.self) }
            if header.name == "schema_version" { headers.schemaVersion = Int(String(decoding: value, as: UTF8.self)) }
            headers.kafka.append(header)
        }
        guard read, flat else { return nil }
        headers.kafka.sort { $0.name < $1.name }
        return headers
    }
}
