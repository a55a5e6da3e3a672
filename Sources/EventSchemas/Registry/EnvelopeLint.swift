/// Shape checks of the envelope fields' schemas (docs/EVENTS.md).
enum EnvelopeLint {
    static func check(_ file: EventSchemaFile, properties: [String: JSONValue],
                      resolve: (JSONValue?) -> JSONValue?) -> [LintProblem] {
        var problems: [LintProblem] = []
        func expect(_ field: String, _ keyword: String, _ value: JSONValue, _ message: String) {
            guard let schema = resolve(properties[field]) else { return }
            if schema[keyword] != value {
                problems.append(LintProblem(.envelopeField, file.path, ["properties", field, keyword], message))
            }
        }
        for field in ["event_id", "loan_id", "borrower_id"] {
            expect(field, "format", "uuid", "\(field) must be a string with \"format\": \"uuid\"")
        }
        for field in ["occurred_at", "effective_at"] {
            expect(field, "format", "date-time", "\(field) must be a string with \"format\": \"date-time\"")
        }
        expect("version", "type", "integer", "version must be an integer (position in the stream)")
        if let metadata = resolve(properties["metadata"]) {
            let required = Set((metadata["required"]?.arrayValue ?? []).compactMap(\.stringValue))
            for field in ["trace_id", "idempotency_key"] where !required.contains(field) {
                problems.append(LintProblem(.envelopeField, file.path, ["properties", "metadata", "required"],
                                            "metadata must require \"\(field)\""))
            }
        }
        if let data = resolve(properties["data"]), data["additionalProperties"] != .bool(false) {
            problems.append(LintProblem(.closedData, file.path, ["properties", "data", "additionalProperties"],
                                        "data must be closed with \"additionalProperties\": false"))
        }
        return problems
    }
}
