/// The compatibility checker's entry points.
///
/// ```swift
/// let report = try SchemaCompatibility.check(new: v2, against: [("v1", v1)], mode: .backwardTransitive)
/// if !report.isCompatible { print(report) }
/// ```
public enum SchemaCompatibility {
    /// Whether data written with `writer` validates under `reader` (reader = new, writer = old is
    /// the BACKWARD direction).
    ///
    /// - Returns: every incompatibility found, empty when the reader accepts all the writer allows.
    /// - Throws: `CompatibilityError` when a schema cannot be compared (not a schema, remote `$ref`).
    public static func incompatibilities(reader: JSONValue, writer: JSONValue) throws -> [Incompatibility] {
        try incompatibilities(reader: reader, writer: writer, direction: .backward)
    }

    /// Checks a new schema against earlier versions under a mode.
    ///
    /// - Parameters:
    ///   - new: the proposed schema.
    ///   - earlier: earlier versions, oldest first, each with a label for the report (e.g. `v1`).
    ///   - mode: the topic's mode; non-transitive modes use only the last earlier version.
    /// - Returns: the report; `isCompatible` is the verdict.
    /// - Throws: `CompatibilityError` when a schema cannot be compared.
    public static func check(new: JSONValue, against earlier: [(label: String, schema: JSONValue)],
                             mode: CompatibilityMode) throws -> CompatibilityReport {
        let compared = mode.isTransitive ? earlier : Array(earlier.suffix(1))
        var findings: [CompatibilityFinding] = []
        for (label, old) in compared {
            for direction in mode.directions {
                let (reader, writer) = direction == .backward ? (new, old) : (old, new)
                findings.append(CompatibilityFinding(
                    against: label, direction: direction,
                    incompatibilities: try incompatibilities(reader: reader, writer: writer, direction: direction)))
            }
        }
        return CompatibilityReport(mode: mode, findings: findings)
    }

    /// Checks one old/new pair under a mode (what `loanstream schemas compat` does).
    public static func check(old: JSONValue, new: JSONValue, mode: CompatibilityMode) throws -> CompatibilityReport {
        try check(new: new, against: [(label: "old", schema: old)], mode: mode)
    }

    static func incompatibilities(reader: JSONValue, writer: JSONValue,
                                  direction: CompatibilityDirection) throws -> [Incompatibility] {
        let checker = CompatibilityChecker(reader: try CompatibilityDocument(reader), writer: try CompatibilityDocument(writer),
                                           roles: direction.roles)
        // Branch-by-branch comparisons can find one change more than once; report it once.
        var seen: Set<Incompatibility> = []
        return try checker.run().filter { seen.insert($0).inserted }
    }
}
