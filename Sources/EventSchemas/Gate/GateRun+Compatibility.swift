/// The compatibility half of the gate: edits, deletions and new versions.
extension GateRun {
    /// Deleted versions fail; edited versions must stay FULL-compatible with what they were
    /// (data already written with vN and consumers holding vN both meet the edited vN);
    /// new versions must satisfy their topic's mode against earlier versions.
    mutating func checkAgainstBase(current: [String: EventSchemaFile], base: [String: String], catalog: TopicCatalog?) {
        var added = Set(current.keys)
        for (path, contents) in base.sorted(by: { $0.key < $1.key }) {
            guard EventSchemaFile.parsePath(path) != nil else { continue }
            added.remove(path)
            guard let now = current[path] else {
                if !problems.contains(where: { $0.file == path }) {
                    problems.append(GateProblem(.versionDeleted, file: path,
                                                "this published version was deleted; consumers and stored events still need it. Restore it."))
                }
                continue
            }
            guard let before = try? JSONValue(parsing: contents) else { continue }
            guard before != now.schema else { continue }
            compare(now, against: [(label: "\(path) at the base revision", schema: before)], mode: .full,
                    failure: .versionEditedIncompatibly,
                    lead: "published v\(now.version) was edited in place incompatibly (edits must be FULL compatible; add a new version instead):")
        }
        checkNewVersions(added, current: current, catalog: catalog)
    }

    /// Checks each listed version against the earlier versions of its type under its topic's mode.
    mutating func checkNewVersions(_ paths: Set<String>, current: [String: EventSchemaFile], catalog: TopicCatalog?) {
        for path in paths.sorted() {
            guard let file = current[path] else { continue }
            let earlier = current.values.filter { $0.eventType == file.eventType && $0.version < file.version }
                .sorted { $0.version < $1.version }
            guard !earlier.isEmpty else {
                notes.append("\(path): first version of \(file.eventType)")
                continue
            }
            let mode = catalog?.topic(forEventType: file.eventType)?.compatibility ?? .default
            compare(file, against: earlier.map { (label: "v\($0.version)", schema: $0.schema) }, mode: mode,
                    failure: .newVersionIncompatible,
                    lead: "v\(file.version) breaks the topic's \(mode.rawValue) mode; to make this change, publish a new event type (e.g. \(file.eventType).v2) instead:")
        }
    }

    private mutating func compare(_ file: EventSchemaFile, against earlier: [(label: String, schema: JSONValue)],
                                  mode: CompatibilityMode, failure: GateProblem.Code, lead: String) {
        do {
            let report = try SchemaCompatibility.check(new: Self.versionNeutral(file.schema),
                                                       against: earlier.map { ($0.label, Self.versionNeutral($0.schema)) },
                                                       mode: mode)
            if report.isCompatible {
                notes.append("\(file.path): compatible (\(mode.rawValue)) with \(earlier.map(\.label).joined(separator: ", "))")
                return
            }
            var lines = [lead]
            for finding in report.findings where !finding.incompatibilities.isEmpty {
                for item in finding.incompatibilities {
                    lines.append("- \(finding.direction.rawValue) vs \(finding.against): \(item.kind.rawValue) at \(item.pointer)")
                    lines.append("  \(item.message)")
                    lines.append("  fix: \(item.remedy)")
                }
            }
            problems.append(GateProblem(failure, file: file.path, lines.joined(separator: "\n")))
        } catch {
            problems.append(GateProblem(.uncomparableSchema, file: file.path, "\(error)"))
        }
    }

    /// `schema_version` is `const N` by design (the lint demands it), so v2 never accepts
    /// `schema_version: 1`; consumers pick the schema by that header, so the change is not a
    /// break. The constant is replaced by its type before comparing versions.
    static func versionNeutral(_ schema: JSONValue) -> JSONValue {
        guard case .object(var members) = schema, case .object(var properties)? = members["properties"],
              properties["schema_version"] != nil else { return schema }
        properties["schema_version"] = ["type": "integer", "minimum": 1]
        members["properties"] = .object(properties)
        return .object(members)
    }
}
