/// Parses one `Topics/*.json` file into a `TopicDefinition`, collecting every problem.
struct TopicFileParser {
    static let knownFields: Set<String> = [
        "name", "kind", "description", "partitions", "replication_factor", "min_insync_replicas",
        "cleanup_policy", "retention_ms", "key", "event_types", "source_topic", "table", "compatibility",
    ]

    let file: String
    private(set) var problems: [TopicProblem] = []

    init(file: String) { self.file = file }

    /// - Returns: the definition, or nil when a problem prevents building one (see `problems`).
    mutating func parse(_ contents: String) -> TopicDefinition? {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: contents)
        } catch {
            problems.append(TopicProblem(.invalidJSON, file: file, "not valid JSON: \(error)"))
            return nil
        }
        guard case .object(let fields) = document else {
            problems.append(TopicProblem(.wrongType, file: file, "the file must hold one JSON object"))
            return nil
        }
        for unknown in fields.keys.sorted() where !Self.knownFields.contains(unknown) {
            problems.append(TopicProblem(.unknownField, file: file, field: "/\(unknown)",
                                         "unknown field (allowed: \(Self.knownFields.sorted().joined(separator: ", ")))"))
        }
        var reader = TopicFieldReader(file: file, fields: fields)
        let definition = build(&reader)
        problems += reader.problems
        if definition == nil, problems.isEmpty {
            problems.append(TopicProblem(.invalidValue, file: file, "the topic definition is incomplete"))
        }
        return problems.isEmpty ? definition : nil
    }

    private func build(_ reader: inout TopicFieldReader) -> TopicDefinition? {
        let name = reader.string("name")
        let kind = reader.enumeration("kind", TopicDefinition.Kind.self)
        let description = reader.string("description")
        let partitions = reader.integer("partitions", minimum: 1)
        let replication = reader.integer("replication_factor", minimum: 1)
        let minInsync = reader.integer("min_insync_replicas", minimum: 1)
        let cleanup = reader.enumeration("cleanup_policy", TopicDefinition.CleanupPolicy.self)
        let retention = reader.optionalInteger("retention_ms", minimum: 1)
        let key = reader.keyFields("key")
        let eventTypes = reader.stringList("event_types") ?? []
        let sourceTopic = reader.optionalString("source_topic")
        let table = reader.optionalString("table")
        let compatibility = reader.compatibility("compatibility")
        if let name {
            reader.check(Self.isValidTopicName(name), "/name",
                         "\"\(name)\" is not a valid Kafka topic name (1-249 of [a-zA-Z0-9._-])")
            reader.check(file.hasSuffix("/\(name).json") || file == "\(name).json", "/name",
                         "the file must be named \(name).json")
        }
        if let minInsync, let replication {
            reader.check(minInsync <= replication, "/min_insync_replicas",
                         "min_insync_replicas \(minInsync) exceeds replication_factor \(replication): no write could be acknowledged")
        }
        if let kind {
            reader.checkKindFields(kind, eventTypes: eventTypes, sourceTopic: sourceTopic, table: table, cleanup: cleanup)
        }
        guard let name, let kind, let description, let partitions, let replication, let minInsync,
              let cleanup, let retention, let key, let compatibility else { return nil }
        return TopicDefinition(name: name, kind: kind, description: description, partitions: partitions,
                               replicationFactor: replication, minInsyncReplicas: minInsync, cleanupPolicy: cleanup,
                               retentionMs: retention.value.map(Int64.init), keyFields: key, eventTypes: eventTypes,
                               sourceTopic: sourceTopic, table: table, compatibility: compatibility, file: file)
    }

    static func isValidTopicName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 249 && name != "." && name != ".."
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
    }
}
