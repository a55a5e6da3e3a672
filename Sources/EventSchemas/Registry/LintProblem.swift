/// One lint finding in a `Schemas/` file.
public struct LintProblem: Sendable, Hashable, CustomStringConvertible {
    /// The rule broken; stable codes for CI logs.
    public enum Rule: String, Sendable, Hashable {
        case draft = "SCHEMA_DRAFT"
        case id = "SCHEMA_ID"
        case title = "SCHEMA_TITLE"
        case closedTopLevel = "CLOSED_TOP_LEVEL"
        case closedData = "CLOSED_DATA"
        case eventTypeConst = "EVENT_TYPE_CONST"
        case schemaVersionConst = "SCHEMA_VERSION_CONST"
        case envelopeRequired = "ENVELOPE_REQUIRED"
        case envelopeField = "ENVELOPE_FIELD"
        case moneyAsNumber = "MONEY_AS_NUMBER"
        case duplicateID = "DUPLICATE_ID"
    }

    public var rule: Rule
    /// The schema file, e.g. `Schemas/loan.activated/v1.json`.
    public var file: String
    /// JSON pointer of the offending field inside the file (`/properties/data/properties/principal`).
    public var pointer: String
    public var message: String

    init(_ rule: Rule, _ file: String, _ path: [String], _ message: String) {
        self.rule = rule
        self.file = file
        self.pointer = JSONPointer(tokens: path).description
        self.message = message
    }

    public var description: String {
        "\(file) \(pointer.isEmpty ? "/" : pointer): \(message) [\(rule.rawValue)]"
    }
}
