/// Typed access to the fields of one topic file, recording a problem for each bad field.
struct TopicFieldReader {
    let file: String
    let fields: [String: JSONValue]
    private(set) var problems: [TopicProblem] = []

    init(file: String, fields: [String: JSONValue]) {
        self.file = file
        self.fields = fields
    }

    /// A value that may legitimately be null (present but `null`).
    struct Nullable<Value> { var value: Value? }

    mutating func check(_ condition: Bool, _ field: String, _ reason: String) {
        if !condition { problems.append(TopicProblem(.invalidValue, file: file, field: field, reason)) }
    }

    private mutating func require(_ name: String) -> JSONValue? {
        guard let value = fields[name] else {
            problems.append(TopicProblem(.missingField, file: file, field: "/\(name)", "required field is missing"))
            return nil
        }
        return value
    }

    private mutating func wrongType(_ name: String, _ expected: String, _ value: JSONValue) {
        problems.append(TopicProblem(.wrongType, file: file, field: "/\(name)",
                                     "expected \(expected), found \(value.typeName)"))
    }

    mutating func string(_ name: String) -> String? {
        guard let value = require(name) else { return nil }
        guard case .string(let text) = value, !text.isEmpty else {
            wrongType(name, "a non-empty string", value)
            return nil
        }
        return text
    }

    mutating func optionalString(_ name: String) -> String? {
        fields[name] == nil ? nil : string(name)
    }

    mutating func integer(_ name: String, minimum: Int) -> Int? {
        guard let value = require(name) else { return nil }
        return checkedInteger(name, value, minimum: minimum)
    }

    /// Present and either an integer ≥ `minimum` or `null`.
    mutating func optionalInteger(_ name: String, minimum: Int) -> Nullable<Int>? {
        guard let value = require(name) else { return nil }
        if value == .null { return Nullable(value: nil) }
        return checkedInteger(name, value, minimum: minimum).map { Nullable(value: $0) }
    }

    private mutating func checkedInteger(_ name: String, _ value: JSONValue, minimum: Int) -> Int? {
        guard case .number(let number) = value, number.isInteger, let integer = number.int64 else {
            wrongType(name, "an integer", value)
            return nil
        }
        guard integer >= minimum else {
            problems.append(TopicProblem(.invalidValue, file: file, field: "/\(name)", "must be at least \(minimum), found \(integer)"))
            return nil
        }
        return Int(integer)
    }

    mutating func enumeration<Value: RawRepresentable & CaseIterable>(_ name: String, _: Value.Type) -> Value?
    where Value.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = Value(rawValue: text) else {
            problems.append(TopicProblem(.invalidValue, file: file, field: "/\(name)",
                                         "\"\(text)\" is not one of \(Value.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))"))
            return nil
        }
        return value
    }

    mutating func compatibility(_ name: String) -> CompatibilityMode? {
        guard fields[name] != nil else { return .default }
        guard let text = string(name) else { return nil }
        guard let mode = CompatibilityMode(name: text) else {
            problems.append(TopicProblem(.invalidValue, file: file, field: "/\(name)",
                                         "\"\(text)\" is not one of \(CompatibilityMode.allCases.map(\.rawValue).joined(separator: ", "))"))
            return nil
        }
        return mode
    }

    mutating func stringList(_ name: String) -> [String]? {
        guard let value = fields[name] else { return nil }
        guard case .array(let items) = value else {
            wrongType(name, "an array of strings", value)
            return nil
        }
        var seen: Set<String> = []
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item, !text.isEmpty else {
                problems.append(TopicProblem(.wrongType, file: file, field: "/\(name)/\(index)",
                                             "expected a non-empty string, found \(item.typeName)"))
                continue
            }
            check(seen.insert(text).inserted, "/\(name)/\(index)", "\"\(text)\" is listed twice")
            result.append(text)
        }
        return result
    }

    /// `key` is one field name or, for a composite primary key, an array of them.
    mutating func keyFields(_ name: String) -> [String]? {
        guard let value = require(name) else { return nil }
        if case .string(let text) = value, !text.isEmpty { return [text] }
        guard case .array = value else {
            wrongType(name, "a field name or an array of field names", value)
            return nil
        }
        guard let list = stringList(name), !list.isEmpty else {
            check(false, "/\(name)", "the key needs at least one field name")
            return nil
        }
        return list
    }

    /// Fields that only make sense for some kinds of topic.
    mutating func checkKindFields(_ kind: TopicDefinition.Kind, eventTypes: [String], sourceTopic: String?,
                                  table: String?, cleanup: TopicDefinition.CleanupPolicy?) {
        switch kind {
        case .events:
            check(!eventTypes.isEmpty, "/event_types", "an events topic must list the event types it carries")
        case .dlq, .cdc:
            check(eventTypes.isEmpty, "/event_types",
                  "a \(kind.rawValue) topic carries no domain event types of its own; describe its payload in description")
        }
        if kind == .dlq, sourceTopic == nil {
            problems.append(TopicProblem(.missingField, file: file, field: "/source_topic", "a dlq topic names the topic whose failures it holds"))
        }
        check(kind == .dlq || sourceTopic == nil, "/source_topic", "only dlq topics have a source_topic")
        if kind == .cdc {
            if table == nil {
                problems.append(TopicProblem(.missingField, file: file, field: "/table", "a cdc topic names the read-model table it mirrors"))
            }
            check(cleanup != .delete, "/cleanup_policy", "a cdc topic must be compacted so the latest row per key survives")
        }
        check(kind == .cdc || table == nil, "/table", "only cdc topics have a table")
    }
}
