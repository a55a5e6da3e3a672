/// One reason the schema gate fails.
public struct GateProblem: Sendable, Hashable, CustomStringConvertible {
    /// Stable codes for CI logs.
    public enum Code: String, Sendable, Hashable {
        case invalidTopics = "INVALID_TOPICS"
        case invalidSchemaFile = "INVALID_SCHEMA_FILE"
        case lint = "LINT"
        case versionDeleted = "VERSION_DELETED"
        case versionEditedIncompatibly = "VERSION_EDITED_INCOMPATIBLY"
        case newVersionIncompatible = "NEW_VERSION_INCOMPATIBLE"
        case versionGap = "VERSION_GAP"
        case eventTypeWithoutSchema = "EVENT_TYPE_WITHOUT_SCHEMA"
        case schemaWithoutTopic = "SCHEMA_WITHOUT_TOPIC"
        case uncomparableSchema = "UNCOMPARABLE_SCHEMA"
    }

    public var code: Code
    /// The file concerned (repository-relative).
    public var file: String
    /// What is wrong, possibly several lines.
    public var message: String

    public init(_ code: Code, file: String, _ message: String) {
        self.code = code
        self.file = file
        self.message = message
    }

    public var description: String { "[\(code.rawValue)] \(file): \(message)" }
}

/// The gate's verdict and a log of what it checked.
public struct GateReport: Sendable, CustomStringConvertible {
    public var problems: [GateProblem]
    /// What was checked, one line each, for the CI log.
    public var notes: [String]

    public var passed: Bool { problems.isEmpty }

    public var description: String {
        var lines = notes.map { "  ok  \($0)" }
        for problem in problems {
            let body = problem.message.split(separator: "\n", omittingEmptySubsequences: false)
            lines.append("  FAIL [\(problem.code.rawValue)] \(problem.file)")
            lines += body.map { "       \($0)" }
        }
        lines.append(passed ? "schemas check: PASSED" : "schemas check: FAILED (\(problems.count) problem\(problems.count == 1 ? "" : "s"))")
        return lines.joined(separator: "\n")
    }
}
