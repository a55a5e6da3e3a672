/// Compiling the validation keywords and the object/array applicators of one schema object.
extension SchemaCompiler {
    /// Type, value, numeric, string, array and object keywords, cheap checks first.
    func assertionKeywords(_ context: KeywordContext) throws -> [Keyword] {
        var keywords: [Keyword] = []
        let members = context.members
        guard context.facts.vocabularies.validation else { return try applicatorOnlyKeywords(context) }
        if let value = members["type"] { keywords.append(.type(try typeSet(value, context))) }
        if let value = members["const"] { keywords.append(.const(value)) }
        if let value = members["enum"] {
            guard case .array(let options) = value else { throw context.error("enum", "enum must be an array") }
            keywords.append(.enumeration(options))
        }
        let numeric: [(String, (JSONNumber) -> Keyword)] = [
            ("minimum", Keyword.minimum), ("maximum", Keyword.maximum),
            ("exclusiveMinimum", Keyword.exclusiveMinimum), ("exclusiveMaximum", Keyword.exclusiveMaximum),
        ]
        for (name, make) in numeric {
            guard let value = members[name] else { continue }
            guard case .number(let bound) = value else { throw context.error(name, "\(name) must be a number") }
            keywords.append(make(bound))
        }
        if let value = members["multipleOf"] {
            guard case .number(let divisor) = value, divisor.double > 0 else {
                throw context.error("multipleOf", "multipleOf must be a number greater than 0")
            }
            keywords.append(.multipleOf(divisor))
        }
        if let value = members["minLength"] { keywords.append(.minLength(try count(value, "minLength", context))) }
        if let value = members["maxLength"] { keywords.append(.maxLength(try count(value, "maxLength", context))) }
        if let value = members["pattern"] {
            keywords.append(.pattern(try pattern(value, context, "pattern")))
        }
        keywords += formatKeyword(context)
        keywords += try arrayKeywords(context)
        keywords += try objectKeywords(context)
        return keywords
    }

    /// `format`, when asserted by the options or by the dialect's format-assertion vocabulary.
    private func formatKeyword(_ context: KeywordContext) -> [Keyword] {
        guard options.assertFormats || context.facts.vocabularies.formatAssertion,
            case .string(let name)? = context.members["format"], let format = SchemaFormat(rawValue: name)
        else { return [] }
        return [.format(format)]
    }

    /// The array/object applicators alone (and an asserted `format`), for dialects without the
    /// validation vocabulary.
    private func applicatorOnlyKeywords(_ context: KeywordContext) throws -> [Keyword] {
        let keep: (Keyword) -> Bool = {
            switch $0 {
            case .items, .contains, .properties, .propertyNames, .dependentSchemas: true
            default: false
            }
        }
        return try formatKeyword(context) + arrayKeywords(context).filter(keep) + objectKeywords(context).filter(keep)
    }

    private func arrayKeywords(_ context: KeywordContext) throws -> [Keyword] {
        var keywords: [Keyword] = []
        let members = context.members
        if let value = members["minItems"] { keywords.append(.minItems(try count(value, "minItems", context))) }
        if let value = members["maxItems"] { keywords.append(.maxItems(try count(value, "maxItems", context))) }
        if case .bool(true)? = members["uniqueItems"] { keywords.append(.uniqueItems) }
        var table = ItemTable()
        switch context.draft {
        case .draft2020_12:
            if case .array(let prefix)? = members["prefixItems"] {
                table.prefix = try prefix.indices.map { try child(context, "prefixItems", String($0)) }
            }
            if members["items"] != nil { table.rest = try child(context, "items") }
        case .draft7:
            table.prefixKeyword = "items"
            if case .array(let prefix)? = members["items"] {
                table.prefix = try prefix.indices.map { try child(context, "items", String($0)) }
                if members["additionalItems"] != nil {
                    table.rest = try child(context, "additionalItems")
                    table.restKeyword = "additionalItems"
                }
            } else if members["items"] != nil {
                table.rest = try child(context, "items")
            }
        }
        if !table.prefix.isEmpty || table.rest != nil { keywords.append(.items(table)) }
        if members["contains"] != nil {
            let node = try child(context, "contains")
            var minimum = 1
            var maximum: Int?
            if context.draft == .draft2020_12 {
                if let value = members["minContains"] { minimum = try count(value, "minContains", context) }
                if let value = members["maxContains"] { maximum = try count(value, "maxContains", context) }
            }
            keywords.append(.contains(node: node, min: minimum, max: maximum))
        }
        return keywords
    }

    private func objectKeywords(_ context: KeywordContext) throws -> [Keyword] {
        var keywords: [Keyword] = []
        let members = context.members
        if let value = members["minProperties"] { keywords.append(.minProperties(try count(value, "minProperties", context))) }
        if let value = members["maxProperties"] { keywords.append(.maxProperties(try count(value, "maxProperties", context))) }
        var requiredNames: [String] = []
        if let value = members["required"] { requiredNames = try strings(value, "required", context) }
        // 2020-12 still honours draft-07's `dependencies` (split into the two new keywords) when
        // the new spellings are absent, as the suite's optional compatibility tests expect.
        let legacy = context.draft == .draft7 || (members["dependentRequired"] == nil && members["dependentSchemas"] == nil)
        let dependencyKeyword = legacy && members["dependencies"] != nil ? "dependencies" : "dependentRequired"
        let schemaDependencyKeyword = legacy && members["dependencies"] != nil ? "dependencies" : "dependentSchemas"
        if case .object(let dependencies)? = members[dependencyKeyword] {
            let required = try dependencies.compactMap { name, value -> (property: String, required: [String])? in
                guard case .array = value else { return nil }
                return (name, try strings(value, dependencyKeyword, context))
            }
            if !required.isEmpty { keywords.append(.dependentRequired(required.sorted { $0.property < $1.property }, keyword: dependencyKeyword)) }
        }
        var table = PropertyTable()
        if case .object(let properties)? = members["properties"] {
            let requiredSet = Set(requiredNames)
            table.named = PropertyLookup(try properties.keys.sorted().map {
                (name: $0, node: try child(context, "properties", $0), required: requiredSet.contains($0))
            })
            table.hasProperties = true
        }
        if !requiredNames.isEmpty {
            if Set(requiredNames).count == requiredNames.count, requiredNames.allSatisfy({ table.named.lookup($0) != nil }) {
                table.required = requiredNames
            } else {
                keywords.append(.required(requiredNames))
            }
        }
        if case .object(let patterns)? = members["patternProperties"] {
            for source in patterns.keys.sorted() {
                table.patterns.append((try pattern(.string(source), context, "patternProperties"), try child(context, "patternProperties", source)))
            }
        }
        if members["additionalProperties"] != nil { table.additional = try child(context, "additionalProperties") }
        if table.hasProperties || !table.patterns.isEmpty || table.additional != nil {
            // Before a separate `required`, so a missing property is reported first either way.
            keywords.insert(.properties(table), at: keywords.firstIndex { if case .required = $0 { true } else { false } } ?? keywords.count)
        }
        if members["propertyNames"] != nil { keywords.append(.propertyNames(try child(context, "propertyNames"))) }
        if case .object(let dependencies)? = members[schemaDependencyKeyword] {
            var schemas: [(property: String, node: Int)] = []
            for name in dependencies.keys.sorted() {
                switch dependencies[name] {
                case .object?, .bool?: schemas.append((name, try child(context, schemaDependencyKeyword, name)))
                default: continue
                }
            }
            if !schemas.isEmpty { keywords.append(.dependentSchemas(schemas)) }
        }
        return keywords
    }
}
