/// Compiling one schema object into a ``CompiledNode``.
extension SchemaCompiler {
    /// Compiles the schema at `location`.
    ///
    /// - Parameter location: An indexed (or pointer-reachable) schema location.
    /// - Returns: The node, with subschemas queued.
    /// - Throws: ``SchemaCompileError`` for malformed keywords.
    func compileNode(at location: SchemaLocation) throws -> CompiledNode {
        let facts = locationInfo(location)
        var node = CompiledNode(resource: facts.resource, document: location.document, location: location.pointer)
        switch value(at: location) {
        case .bool(false)?:
            node.keywords = [.falseSchema]
            return node
        case .object(let members)?:
            let context = KeywordContext(members: members, location: location, facts: facts)
            if facts.draft == .draft7, let reference = members["$ref"] {
                // Draft-07: `$ref` replaces the whole schema; siblings are ignored.
                node.keywords = [.ref(try referenceNode(reference, context: context, keyword: "$ref").node)]
                return node
            }
            node.keywords = try assertionKeywords(context)
            node.keywords += try applicatorKeywords(context)
            node.needsAnnotations = node.keywords.contains {
                switch $0 {
                case .unevaluatedItems, .unevaluatedProperties: true
                default: false
                }
            }
            return node
        case .bool(true)?:
            return node
        default:
            throw SchemaCompileError(location: JSONPointer(tokens: location.pointer), reason: "a schema must be an object or a boolean")
        }
    }

    /// The schema object being compiled and what is known about its location.
    struct KeywordContext {
        var members: [String: JSONValue]
        var location: SchemaLocation
        var facts: LocationInfo

        var draft: SchemaDraft { facts.draft }

        func error(_ keyword: String, _ reason: String) -> SchemaCompileError {
            SchemaCompileError(location: JSONPointer(tokens: location.pointer + [keyword]), reason: reason)
        }
    }

    /// The subschema at `keyword` (and optional `key`/index) of the current object.
    func child(_ context: KeywordContext, _ tokens: String...) throws -> Int {
        let target = SchemaLocation(document: context.location.document, pointer: context.location.pointer + tokens)
        switch value(at: target) {
        case .object?, .bool?: return node(for: target)
        default: throw SchemaCompileError(location: JSONPointer(tokens: target.pointer), reason: "expected a schema (object or boolean)")
        }
    }

    /// The node and dynamic anchor of a `$ref`/`$dynamicRef` value.
    func referenceNode(_ value: JSONValue, context: KeywordContext, keyword: String) throws -> (node: Int, anchor: String?) {
        guard case .string(let reference) = value else { throw context.error(keyword, "\(keyword) must be a string") }
        let resolved = try resolveReference(reference, base: context.facts.base,
                                            keywordLocation: context.location.pointer + [keyword])
        return (node(for: resolved.location), resolved.dynamicAnchor)
    }

    /// `$ref`, `$dynamicRef`, the in-place applicators and `unevaluated*`, in evaluation order.
    private func applicatorKeywords(_ context: KeywordContext) throws -> [Keyword] {
        var keywords: [Keyword] = []
        let members = context.members
        if let reference = members["$ref"] {
            keywords.append(.ref(try referenceNode(reference, context: context, keyword: "$ref").node))
        }
        if context.draft == .draft2020_12, let reference = members["$dynamicRef"] {
            let (target, anchor) = try referenceNode(reference, context: context, keyword: "$dynamicRef")
            keywords.append(.dynamicRef(target, anchor: anchor))
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            guard let value = members[keyword] else { continue }
            guard case .array(let branches) = value, !branches.isEmpty else {
                throw context.error(keyword, "\(keyword) must be a non-empty array of schemas")
            }
            let nodes = try branches.indices.map { try child(context, keyword, String($0)) }
            keywords.append(keyword == "allOf" ? .allOf(nodes) : keyword == "anyOf" ? .anyOf(nodes) : .oneOf(nodes))
        }
        if members["not"] != nil { keywords.append(.not(try child(context, "not"))) }
        if members["if"] != nil {
            let thenNode = members["then"] != nil ? try child(context, "then") : nil
            let elseNode = members["else"] != nil ? try child(context, "else") : nil
            // Kept without then/else too: a passing `if` contributes annotations to `unevaluated*`.
            keywords.append(.conditional(if: try child(context, "if"), then: thenNode, else: elseNode))
        }
        if context.draft == .draft2020_12 {
            if members["unevaluatedItems"] != nil { keywords.append(.unevaluatedItems(try child(context, "unevaluatedItems"))) }
            if members["unevaluatedProperties"] != nil {
                keywords.append(.unevaluatedProperties(try child(context, "unevaluatedProperties")))
            }
        }
        return keywords
    }
}
