/// Read-only keyword access over one (sub)schema, as the compatibility rules need it.
///
/// A wrapper rather than an extension of `JSONValue`, so these helpers never collide with the
/// validator's own extensions in the same module.
struct SchemaView {
    let value: JSONValue

    init(_ value: JSONValue) { self.value = value }

    /// The schema `false`: it rejects every value.
    var isFalse: Bool { value == .bool(false) }

    /// The schema `true` or `{}`: it accepts every value.
    var acceptsEverything: Bool {
        switch value {
        case .bool(true): true
        case .object(let members): members.keys.allSatisfy(Self.annotationKeywords.contains)
        default: false
        }
    }

    var members: [String: JSONValue] { value.objectValue ?? [:] }

    subscript(_ keyword: String) -> JSONValue? { members[keyword] }

    func has(_ keyword: String) -> Bool { members[keyword] != nil }

    func number(_ keyword: String) -> Double? {
        if case .number(let number)? = members[keyword] { return number.double }
        return nil
    }

    func string(_ keyword: String) -> String? { members[keyword]?.stringValue }

    func array(_ keyword: String) -> [JSONValue]? { members[keyword]?.arrayValue }

    func object(_ keyword: String) -> [String: JSONValue]? { members[keyword]?.objectValue }

    func stringSet(_ keyword: String) -> Set<String> {
        Set((array(keyword) ?? []).compactMap(\.stringValue))
    }

    /// The single `type` name, if the schema declares exactly one.
    var typeName: String? { string("type") }

    /// Keywords that never change which instances validate.
    static let annotationKeywords: Set<String> = [
        "$schema", "$id", "$anchor", "$dynamicAnchor", "$comment", "$defs", "definitions", "$vocabulary",
        "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
    ]

    /// The combinators the checker matches branch by branch.
    static let combinators = ["allOf", "anyOf", "oneOf"]
}

/// The coarse kind of a schema's instances, used to detect type changes.
enum InstanceKind: String {
    case null, boolean, integer, number, string, array, object

    /// The kind of a JSON value, with integral numbers as `integer`.
    init(of value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool: self = .boolean
        case .number(let number): self = number.isInteger ? .integer : .number
        case .string: self = .string
        case .array: self = .array
        case .object: self = .object
        }
    }

    /// Whether a value of kind `other` is an instance of this kind (`integer` is a `number`).
    func admits(_ other: InstanceKind) -> Bool {
        self == other || (self == .number && other == .integer)
    }

    var isNumeric: Bool { self == .integer || self == .number }
}
