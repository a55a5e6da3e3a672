/// House rules for event schemas (docs/EVENTS.md): draft 2020-12 with `$id` and `title`, closed
/// top level and `data`, `event_type`/`schema_version` constants matching the file's place, the
/// envelope fields required, and money as `{amount: string, currency}` — never a JSON number.
public enum SchemaLint {
    public static let draft202012 = "https://json-schema.org/draft/2020-12/schema"

    /// Envelope fields every event requires, besides its stream key (`loan_id` or `borrower_id`).
    public static let envelopeFields = ["event_id", "event_type", "schema_version", "version",
                                        "occurred_at", "effective_at", "metadata", "data"]

    /// Lints every file; `catalog` (when given) tells each event type's stream key.
    public static func lint(_ files: [EventSchemaFile], catalog: TopicCatalog?) -> [LintProblem] {
        var problems: [LintProblem] = []
        var pathByID: [String: String] = [:]
        for file in files {
            let streamKey = catalog?.topic(forEventType: file.eventType)?.keyFields.first
            problems += lint(file, streamKey: streamKey)
            if let id = file.schema["$id"]?.stringValue {
                if let other = pathByID[id] {
                    problems.append(LintProblem(.duplicateID, file.path, ["$id"], "$id \"\(id)\" is also used by \(other)"))
                } else {
                    pathByID[id] = file.path
                }
            }
        }
        return problems
    }

    /// Lints one file.
    ///
    /// - Parameter streamKey: the topic's key field; nil requires one of `loan_id`/`borrower_id`.
    public static func lint(_ file: EventSchemaFile, streamKey: String?) -> [LintProblem] {
        var problems: [LintProblem] = []
        func report(_ rule: LintProblem.Rule, _ path: [String], _ message: String) {
            problems.append(LintProblem(rule, file.path, path, message))
        }
        let schema = file.schema
        guard case .object = schema else {
            report(.closedTopLevel, [], "the schema must be a JSON object")
            return problems
        }
        if schema["$schema"]?.stringValue != draft202012 {
            report(.draft, ["$schema"], "must be \"\(draft202012)\"")
        }
        if (schema["$id"]?.stringValue ?? "").isEmpty { report(.id, ["$id"], "must be a non-empty string") }
        if (schema["title"]?.stringValue ?? "").isEmpty { report(.title, ["title"], "must be a non-empty string") }
        if schema["type"] != .string("object") || schema["additionalProperties"] != .bool(false) {
            report(.closedTopLevel, ["additionalProperties"],
                   "the top level must be \"type\": \"object\" with \"additionalProperties\": false")
        }
        let properties = schema["properties"]?.objectValue ?? [:]
        let resolve = { (value: JSONValue?) in LocalReference.resolve(value, in: schema) }
        if resolve(properties["event_type"])?["const"] != .string(file.eventType) {
            report(.eventTypeConst, ["properties", "event_type", "const"], "must be \"\(file.eventType)\" (the folder name)")
        }
        let versionConst = resolve(properties["schema_version"])?["const"]
        if versionConst?.numberValue?.int64 != Int64(file.version) {
            report(.schemaVersionConst, ["properties", "schema_version", "const"], "must be \(file.version) (the file's v\(file.version))")
        }
        let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        let keys = streamKey.map { [$0] } ?? ["loan_id", "borrower_id"]
        for field in envelopeFields + (streamKey.map { [$0] } ?? []) where !required.contains(field) {
            report(.envelopeRequired, ["required"], "envelope field \"\(field)\" must be required")
        }
        if streamKey == nil, !keys.contains(where: required.contains) {
            report(.envelopeRequired, ["required"], "one of \"loan_id\"/\"borrower_id\" must be required as the stream key")
        }
        problems += EnvelopeLint.check(file, properties: properties, resolve: resolve)
        problems += MoneyLint.check(file)
        return problems
    }
}

/// Resolves a local `$ref` (`#/$defs/…`) one level, for lint lookups.
enum LocalReference {
    static func resolve(_ value: JSONValue?, in root: JSONValue) -> JSONValue? {
        guard let value, let ref = value["$ref"]?.stringValue, ref.hasPrefix("#") else { return value }
        return JSONPointer(parsing: String(ref.dropFirst()))?.resolve(in: root) ?? value
    }
}
