/// The indexing pass: base URIs, resources and anchors of every schema location.
extension SchemaCompiler {
    /// Keywords whose value is one subschema, per dialect.
    static func singleSchemaKeywords(_ draft: SchemaDraft) -> [String] {
        switch draft {
        case .draft2020_12:
            ["additionalProperties", "propertyNames", "contains", "not", "if", "then", "else", "items",
             "unevaluatedProperties", "unevaluatedItems", "contentSchema"]
        case .draft7:
            ["additionalProperties", "propertyNames", "contains", "not", "if", "then", "else", "additionalItems"]
        }
    }

    /// Keywords whose value is an object of subschemas, per dialect.
    static func schemaMapKeywords(_ draft: SchemaDraft) -> [String] {
        switch draft {
        case .draft2020_12: ["properties", "patternProperties", "$defs", "dependentSchemas", "dependencies"]
        case .draft7: ["properties", "patternProperties", "definitions", "dependencies"]
        }
    }

    /// Keywords whose value is an array of subschemas, per dialect (draft-07 `items` may be either).
    static func schemaArrayKeywords(_ draft: SchemaDraft) -> [String] {
        switch draft {
        case .draft2020_12: ["allOf", "anyOf", "oneOf", "prefixItems"]
        case .draft7: ["allOf", "anyOf", "oneOf", "items"]
        }
    }

    /// Records `schema` at `location` and walks its subschemas.
    ///
    /// - Parameters:
    ///   - schema: The schema value.
    ///   - location: Where it is.
    ///   - base: The base URI of the enclosing schema.
    ///   - draft: The dialect of the enclosing schema.
    ///   - resource: The enclosing resource.
    ///   - vocabularies: The enclosing dialect's vocabularies.
    /// - Throws: ``SchemaCompileError`` when `$id` or an anchor is not a string.
    func indexSchema(_ schema: JSONValue, at location: SchemaLocation, base: String, draft: SchemaDraft, resource: Int,
                     vocabularies: Vocabularies = Vocabularies()) throws {
        guard case .object(let members) = schema else {
            info[location] = LocationInfo(base: base, draft: draft, resource: resource, vocabularies: vocabularies)
            return
        }
        var draft = draft
        var vocabularies = vocabularies
        if case .string(let dialect)? = members["$schema"], let declared = self.dialect(dialect) {
            (draft, vocabularies) = declared
        }
        var base = base
        var resource = resource
        // In draft-07 a `$ref` makes every sibling, `$id` included, ignored.
        if let idValue = members["$id"], !(draft == .draft7 && members["$ref"] != nil) {
            guard case .string(let id) = idValue else {
                throw SchemaCompileError(location: JSONPointer(tokens: location.pointer + ["$id"]), reason: "$id must be a string")
            }
            let (uri, fragment) = SchemaURI.split(SchemaURI.resolve(id, against: base))
            if draft == .draft7, id.hasPrefix("#") {
                anchors[base + "#" + fragment] = location
            } else {
                base = uri
                resource = addResource(uri: uri, root: location)
                if draft == .draft7, !fragment.isEmpty { anchors[uri + "#" + fragment] = location }
            }
        }
        if draft == .draft2020_12 {
            for keyword in ["$anchor", "$dynamicAnchor"] {
                guard let anchorValue = members[keyword] else { continue }
                guard case .string(let name) = anchorValue else {
                    throw SchemaCompileError(location: JSONPointer(tokens: location.pointer + [keyword]), reason: "\(keyword) must be a string")
                }
                anchors[base + "#" + name] = location
                if keyword == "$dynamicAnchor" { dynamicAnchorLocations[resource][name] = location }
            }
        }
        info[location] = LocationInfo(base: base, draft: draft, resource: resource, vocabularies: vocabularies)
        try indexChildren(members, at: location, base: base, draft: draft, resource: resource, vocabularies: vocabularies)
    }

    private func indexChildren(_ members: [String: JSONValue], at location: SchemaLocation, base: String,
                               draft: SchemaDraft, resource: Int, vocabularies: Vocabularies) throws {
        for keyword in Self.singleSchemaKeywords(draft) {
            if let child = members[keyword], isSchema(child) {
                try indexSchema(child, at: location.appending(keyword), base: base, draft: draft, resource: resource, vocabularies: vocabularies)
            }
        }
        for keyword in Self.schemaMapKeywords(draft) {
            guard case .object(let children)? = members[keyword] else { continue }
            for (name, child) in children where isSchema(child) {
                try indexSchema(child, at: location.appending(keyword, name), base: base, draft: draft, resource: resource, vocabularies: vocabularies)
            }
        }
        for keyword in Self.schemaArrayKeywords(draft) {
            switch members[keyword] {
            case .array(let children)?:
                for (offset, child) in children.enumerated() where isSchema(child) {
                    try indexSchema(child, at: location.appending(keyword, String(offset)), base: base, draft: draft, resource: resource, vocabularies: vocabularies)
                }
            case let child? where keyword == "items" && isSchema(child):
                try indexSchema(child, at: location.appending(keyword), base: base, draft: draft, resource: resource, vocabularies: vocabularies)
            default:
                break
            }
        }
    }

    /// The draft and vocabularies a `$schema` URI selects: a known draft, or a registered custom
    /// meta-schema whose `$vocabulary` may omit the validation vocabulary or name format-assertion.
    ///
    /// - Parameter uri: The `$schema` value.
    /// - Returns: `nil` for an unknown meta-schema (the enclosing dialect then applies).
    func dialect(_ uri: String) -> (SchemaDraft, Vocabularies)? {
        if let known = SchemaDraft.fromSchemaURI(uri) { return (known, Vocabularies()) }
        guard let meta = registry.document(for: SchemaURI.split(uri).base),
            case .string(let metaDialect)? = meta["$schema"], let draft = SchemaDraft.fromSchemaURI(metaDialect)
        else { return nil }
        guard case .object(let declared)? = meta["$vocabulary"] else { return (draft, Vocabularies()) }
        // A vocabulary listed with `false` is optional; we know it, so it applies either way.
        return (draft, Vocabularies(
            validation: declared["https://json-schema.org/draft/2020-12/vocab/validation"] != nil,
            formatAssertion: declared["https://json-schema.org/draft/2020-12/vocab/format-assertion"] != nil))
    }

    private func isSchema(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .bool: true
        default: false
        }
    }

    /// The indexing facts for a location, or those of its nearest indexed ancestor when a
    /// `$ref` points somewhere the index did not walk (inside an unknown keyword, say).
    ///
    /// - Parameter location: The location.
    /// - Returns: Base URI, dialect and resource.
    func locationInfo(_ location: SchemaLocation) -> LocationInfo {
        var pointer = location.pointer
        while true {
            if let found = info[SchemaLocation(document: location.document, pointer: pointer)] { return found }
            if pointer.isEmpty { break }
            pointer.removeLast()
        }
        return LocationInfo(base: documentURIs[location.document], draft: options.defaultDraft, resource: 0)
    }
}
