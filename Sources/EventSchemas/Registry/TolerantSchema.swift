/// Builds the relaxed copy a tolerant reader validates with when it lacks the writer's version.
///
/// Every `additionalProperties: false` / `unevaluatedProperties: false` is removed, so unknown
/// (newer, optional) properties are ignored at every level; a property that declares a `default`
/// is no longer required, matching the compatibility rule that a new required field with a
/// default is compatible (the consumer fills the default in).
enum TolerantSchema {
    /// Keywords whose value maps names to subschemas (the names are not keywords).
    private static let schemaMaps: Set<String> = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
    /// Keywords whose value is data, never a schema.
    private static let dataKeywords: Set<String> = ["enum", "const", "default", "examples", "required"]

    static func relax(_ schema: JSONValue) -> JSONValue {
        guard case .object(var members) = schema else {
            if case .array(let items) = schema { return .array(items.map(relax)) }
            return schema
        }
        for keyword in ["additionalProperties", "unevaluatedProperties"] where members[keyword] == .bool(false) {
            members[keyword] = nil
        }
        for (keyword, value) in members where !dataKeywords.contains(keyword) {
            if schemaMaps.contains(keyword), case .object(let map) = value {
                members[keyword] = .object(map.mapValues(relax))
            } else if case .object = value {
                members[keyword] = relax(value)
            } else if case .array = value {
                members[keyword] = relax(value)
            }
        }
        if case .array(let required)? = members["required"], case .object(let properties)? = members["properties"] {
            members["required"] = .array(required.filter { name in
                guard let name = name.stringValue, case .object(let property)? = properties[name] else { return true }
                return property["default"] == nil
            })
        }
        return .object(members)
    }
}
