/// Rewrites a subschema into the shapes the compatibility rules compare.
///
/// - `const: x` becomes `enum: [x]`.
/// - A combinator (`allOf`/`anyOf`/`oneOf`/`not`) beside other assertions becomes one `allOf` of
///   the remaining assertions plus each combinator, so sibling keywords are never ignored.
/// - `type: ["string", "null"]` becomes `anyOf` of one copy per type (as Confluent and Karapace do);
///   `type: ["string"]` becomes `type: "string"`.
enum SchemaNormalizer {
    private static let wrapped = ["allOf", "anyOf", "oneOf", "not"]

    static func normalize(_ schema: JSONValue) -> JSONValue {
        guard case .object(var members) = schema else { return schema }
        if let constant = members.removeValue(forKey: "const") {
            members["enum"] = .array([constant])
        }
        let present = wrapped.filter { members[$0] != nil }
        let rest = members.filter { !wrapped.contains($0.key) && !SchemaView.annotationKeywords.contains($0.key) }
        if !present.isEmpty, !rest.isEmpty || present.count > 1 {
            var branches: [JSONValue] = rest.isEmpty ? [] : [.object(rest)]
            for keyword in present {
                if keyword == "allOf", case .array(let items)? = members[keyword] {
                    branches += items
                } else if let value = members[keyword] {
                    branches.append(.object([keyword: value]))
                }
            }
            return .object(["allOf": .array(branches)])
        }
        if case .array(let types)? = members["type"] {
            if types.count == 1 {
                members["type"] = types[0]
            } else {
                return .object(["anyOf": .array(types.map { type in
                    var copy = members
                    copy["type"] = type
                    return .object(copy)
                })])
            }
        }
        return .object(members)
    }
}
