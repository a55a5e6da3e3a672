/// One problem in a `Topics/` file.
public struct TopicProblem: Sendable, Hashable, CustomStringConvertible {
    /// Stable machine-readable cause.
    public enum Code: String, Sendable {
        case unreadableFile = "UNREADABLE_FILE"
        case invalidJSON = "INVALID_JSON"
        case unknownField = "UNKNOWN_FIELD"
        case missingField = "MISSING_FIELD"
        case wrongType = "WRONG_TYPE"
        case invalidValue = "INVALID_VALUE"
        case duplicateTopic = "DUPLICATE_TOPIC"
        case duplicateEventType = "DUPLICATE_EVENT_TYPE"
        case unknownSourceTopic = "UNKNOWN_SOURCE_TOPIC"
    }

    public var code: Code
    /// The file, relative to the repository root (e.g. `Topics/lending.loan-events.json`).
    public var file: String
    /// The field, as a JSON pointer (`/partitions`, `/event_types/3`); empty for the whole file.
    public var field: String
    public var reason: String

    public init(_ code: Code, file: String, field: String = "", _ reason: String) {
        self.code = code
        self.file = file
        self.field = field
        self.reason = reason
    }

    public var description: String {
        "\(file)\(field.isEmpty ? "" : " \(field)"): \(reason) [\(code.rawValue)]"
    }
}

/// The `Topics/` catalog is invalid; every problem found is listed, not only the first.
public struct TopicCatalogError: Error, Sendable, CustomStringConvertible {
    public var problems: [TopicProblem]
    public var file: String
    public var line: Int

    init(_ problems: [TopicProblem], file: String = #fileID, line: Int = #line) {
        self.problems = problems
        self.file = file
        self.line = line
    }

    public var description: String {
        "Topics/ has \(problems.count) problem(s):\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
