/// The state of one gate run: files loaded, problems and notes collected.
struct GateRun {
    var problems: [GateProblem] = []
    var notes: [String] = []

    mutating func loadCatalog(_ files: [String: String]) -> TopicCatalog? {
        do {
            let catalog = try TopicCatalog(files: files)
            notes.append("Topics/: \(catalog.topics.count) topic(s) valid")
            return catalog
        } catch let error as TopicCatalogError {
            problems += error.problems.map { GateProblem(.invalidTopics, file: $0.file, "\($0.field.isEmpty ? "" : "\($0.field): ")\($0.reason)") }
        } catch {
            problems.append(GateProblem(.invalidTopics, file: "Topics/", "\(error)"))
        }
        return nil
    }

    /// Parses each schema file on its own, so one bad file does not hide the others.
    mutating func loadSchemas(_ files: [String: String]) -> [String: EventSchemaFile] {
        var loaded: [String: EventSchemaFile] = [:]
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
            do {
                _ = try SchemaRegistry(files: [path: contents])
                guard let (eventType, version) = EventSchemaFile.parsePath(path) else { continue }
                loaded[path] = EventSchemaFile(eventType: eventType, version: version, path: path,
                                               schema: try JSONValue(parsing: contents))
            } catch {
                problems.append(GateProblem(.invalidSchemaFile, file: path, "\(error)"))
            }
        }
        notes.append("Schemas/: \(loaded.count) schema file(s) parsed and compiled")
        return loaded
    }

    mutating func lint(_ current: [String: EventSchemaFile], catalog: TopicCatalog) {
        let files = current.values.sorted { $0.path < $1.path }
        let found = SchemaLint.lint(files, catalog: catalog)
        problems += found.map { GateProblem(.lint, file: $0.file, "\($0.pointer.isEmpty ? "/" : $0.pointer): \($0.message) [\($0.rule.rawValue)]") }
        if found.isEmpty { notes.append("lint: \(files.count) schema(s) clean") }
    }

    mutating func checkCoverage(_ current: [String: EventSchemaFile], catalog: TopicCatalog) {
        let withSchemas = Set(current.values.map(\.eventType))
        for topic in catalog.topics {
            for eventType in topic.eventTypes where !withSchemas.contains(eventType) {
                problems.append(GateProblem(.eventTypeWithoutSchema, file: topic.file,
                                            "event type \(eventType) has no Schemas/\(eventType)/v1.json"))
            }
        }
        for eventType in withSchemas.sorted() where catalog.topic(forEventType: eventType) == nil {
            problems.append(GateProblem(.schemaWithoutTopic, file: "Schemas/\(eventType)/",
                                        "no topic in Topics/ lists \(eventType) in event_types"))
        }
    }

    /// Versions of a type must be v1, v2, … with no gap.
    mutating func checkVersionSequences(_ current: [String: EventSchemaFile]) {
        for (eventType, files) in Dictionary(grouping: current.values, by: \.eventType) {
            let versions = files.map(\.version).sorted()
            if versions != Array(1...versions.count) {
                problems.append(GateProblem(.versionGap, file: "Schemas/\(eventType)/",
                                            "versions are \(versions.map { "v\($0)" }.joined(separator: ", ")); they must run v1, v2, … without a gap"))
            }
        }
    }

    /// A topic's mode may change (an operator decision), but the CI log should show it, since a
    /// weaker mode lets later versions through that the old one refused.
    mutating func noteModeChanges(baseTopicFiles: [String: String], catalog: TopicCatalog?) {
        guard let catalog, let base = try? TopicCatalog(files: baseTopicFiles) else { return }
        for topic in catalog.topics {
            guard let before = base.topic(named: topic.name), before.compatibility != topic.compatibility else { continue }
            notes.append("\(topic.file): compatibility changed from \(before.compatibility.rawValue) to \(topic.compatibility.rawValue)")
        }
    }
}
