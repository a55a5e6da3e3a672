/// A compiled keyword. Subschemas are node indices; `$ref`s are already resolved.
enum Keyword: Sendable {
    /// The `false` schema: nothing is valid.
    case falseSchema
    case type(TypeSet)
    case const(JSONValue)
    case enumeration([JSONValue])
    case minimum(JSONNumber)
    case maximum(JSONNumber)
    case exclusiveMinimum(JSONNumber)
    case exclusiveMaximum(JSONNumber)
    case multipleOf(JSONNumber)
    case minLength(Int)
    case maxLength(Int)
    case pattern(SchemaPattern)
    case format(SchemaFormat)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    case items(ItemTable)
    /// `contains` with `minContains`/`maxContains` (`min` defaults to 1).
    case contains(node: Int, min: Int, max: Int?)
    case minProperties(Int)
    case maxProperties(Int)
    case required([String])
    /// `dependentRequired` (or the array form of `dependencies`, named by `keyword`).
    case dependentRequired([(property: String, required: [String])], keyword: String)
    case properties(PropertyTable)
    case propertyNames(Int)
    case dependentSchemas([(property: String, node: Int)])
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(if: Int, then: Int?, else: Int?)
    /// `$ref` (or draft-07 `$ref`, which replaces its siblings).
    case ref(Int)
    /// `$dynamicRef`: the statically resolved node, and the anchor name when the static target
    /// is a `$dynamicAnchor` (only then does the dynamic scope apply).
    case dynamicRef(Int, anchor: String?)
    case unevaluatedItems(Int)
    case unevaluatedProperties(Int)

    /// The keyword name, the last token of its schema location.
    var name: String {
        switch self {
        case .falseSchema: ""
        case .type: "type"
        case .const: "const"
        case .enumeration: "enum"
        case .minimum: "minimum"
        case .maximum: "maximum"
        case .exclusiveMinimum: "exclusiveMinimum"
        case .exclusiveMaximum: "exclusiveMaximum"
        case .multipleOf: "multipleOf"
        case .minLength: "minLength"
        case .maxLength: "maxLength"
        case .pattern: "pattern"
        case .format: "format"
        case .minItems: "minItems"
        case .maxItems: "maxItems"
        case .uniqueItems: "uniqueItems"
        case .items(let table): table.rest != nil ? table.restKeyword : table.prefixKeyword
        case .contains: "contains"
        case .minProperties: "minProperties"
        case .maxProperties: "maxProperties"
        case .required: "required"
        case .dependentRequired(_, let keyword): keyword
        case .properties: "properties"
        case .propertyNames: "propertyNames"
        case .dependentSchemas: "dependentSchemas"
        case .allOf: "allOf"
        case .anyOf: "anyOf"
        case .oneOf: "oneOf"
        case .not: "not"
        case .conditional: "if"
        case .ref: "$ref"
        case .dynamicRef: "$dynamicRef"
        case .unevaluatedItems: "unevaluatedItems"
        case .unevaluatedProperties: "unevaluatedProperties"
        }
    }
}

extension Keyword {
    /// Whether a numeric keyword (`minimum`, `maximum`, the exclusive bounds, `multipleOf`) holds for
    /// `number`; `true` for every other keyword.
    func holds(forNumber number: JSONNumber) -> Bool {
        switch self {
        case .minimum(let bound): !(number < bound)
        case .maximum(let bound): !(bound < number)
        case .exclusiveMinimum(let bound): bound < number
        case .exclusiveMaximum(let bound): number < bound
        case .multipleOf(let divisor): ValidationRun.isMultiple(number, of: divisor)
        default: true
        }
    }
}
