import EventSchemas

/// The Karapace cases where LoanStream deliberately follows Confluent's documented rules (or plain
/// JSON Schema semantics) instead; `Sources/EventSchemas/Compatibility/README.md` explains each.
enum KarapaceDisagreements {
    /// The rule we follow for this pair, or nil when a disagreement would be a bug.
    static func rule(for reader: JSONValue, _ writer: JSONValue) -> String? {
        if writer == .bool(false) {
            return "a `false` writer schema admits no data, so every reader can read it (Confluent: "
                + "a FalseSchema original is compatible with any update); Karapace reports a type mismatch."
        }
        if reader == .bool(false) {
            return "a `false` reader rejects everything the `true` writer produced; Confluent reports "
                + "TYPE_CHANGED, Karapace accepts it, which would let a consumer reject every event."
        }
        let writerProperties = writer["properties"]?.objectValue ?? [:]
        if case .object(let properties)? = reader["properties"],
           properties.contains(where: { writerProperties[$0.key] == nil && ($0.value == .object([:]) || $0.value == .bool(true)) }) {
            return "adding a property whose schema is empty (`{}`) to an open model changes nothing a "
                + "reader accepts: Confluent's PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL is compatible."
        }
        return nil
    }
}
