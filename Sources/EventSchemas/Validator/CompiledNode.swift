/// One compiled (sub)schema: its keywords in evaluation order, with every subschema and
/// resolved `$ref` held as an index into ``CompiledProgram/nodes``.
struct CompiledNode: Sendable {
    /// The keywords, cheap type checks first and `unevaluated*` last.
    var keywords: [Keyword] = []
    /// The schema resource (`$id` scope) this node belongs to, for `$dynamicRef`.
    var resource: Int = 0
    /// Which schema document the node lives in (index into ``CompiledProgram/documentURIs``).
    var document: Int = 0
    /// The node's JSON pointer inside its document, for error keyword locations.
    var location: [String] = []
    /// Whether the node has `unevaluatedProperties`/`unevaluatedItems` and so needs the
    /// annotations of its sibling keywords.
    var needsAnnotations = false
}

/// The JSON types a `type` keyword can allow, as a bit set.
struct TypeSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let null = TypeSet(rawValue: 1)
    static let boolean = TypeSet(rawValue: 2)
    static let integer = TypeSet(rawValue: 4)
    static let number = TypeSet(rawValue: 8)
    static let string = TypeSet(rawValue: 16)
    static let array = TypeSet(rawValue: 32)
    static let object = TypeSet(rawValue: 64)

    /// The type set of a JSON Schema type name.
    ///
    /// - Parameter name: `"string"`, `"integer"`, ….
    /// - Returns: `nil` for unknown names.
    static func named(_ name: String) -> TypeSet? {
        switch name {
        case "null": .null
        case "boolean": .boolean
        case "integer": .integer
        case "number": .number
        case "string": .string
        case "array": .array
        case "object": .object
        default: nil
        }
    }

    /// Whether `value` has one of the types (an integral number is an integer).
    ///
    /// - Parameter value: The instance.
    /// - Returns: `true` when allowed.
    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .number(let number): contains(.number) || (contains(.integer) && number.isInteger)
        case .string: contains(.string)
        case .array: contains(.array)
        case .object: contains(.object)
        }
    }

    /// The type names, for messages: `string or null`.
    var names: String {
        let all: [(TypeSet, String)] = [(.null, "null"), (.boolean, "boolean"), (.integer, "integer"),
            (.number, "number"), (.string, "string"), (.array, "array"), (.object, "object")]
        return all.filter { contains($0.0) }.map(\.1).joined(separator: " or ")
    }
}

/// The property applicators of one object schema, precomputed so one pass over the instance
/// members evaluates `properties`, `patternProperties` and `additionalProperties`.
struct PropertyTable: Sendable {
    /// `properties`: name → node, and whether the name is also `required`.
    var named = PropertyLookup([])
    /// The `required` names when all of them are in `properties`: then presence is counted in
    /// the same pass over the members instead of a second lookup per name.
    var required: [String] = []
    /// `patternProperties`: regex and node, in schema order.
    var patterns: [(pattern: SchemaPattern, node: Int)] = []
    /// `additionalProperties`, when present.
    var additional: Int?
    /// Whether the keywords were present (for error locations).
    var hasProperties = false
}

/// The item applicators of one array schema.
struct ItemTable: Sendable {
    /// `prefixItems` (2020-12) or array-form `items` (draft-07).
    var prefix: [Int] = []
    /// `items` (2020-12) or `additionalItems`/object-form `items` (draft-07), for the rest.
    var rest: Int?
    /// The keyword `rest` came from, for error locations.
    var restKeyword: String = "items"
    /// The keyword `prefix` came from.
    var prefixKeyword: String = "prefixItems"
}
