/// Resolving `$ref` and `$dynamicRef` to schema locations.
extension SchemaCompiler {
    /// A resolved reference.
    struct ResolvedReference {
        /// The target location.
        var location: SchemaLocation
        /// The fragment when it named a `$dynamicAnchor` of the target resource.
        var dynamicAnchor: String?
    }

    /// Resolves a reference against the base URI of the schema containing it.
    ///
    /// - Parameters:
    ///   - reference: The `$ref` value.
    ///   - base: The base URI in effect.
    ///   - keywordLocation: The `$ref`'s own location, for error messages.
    /// - Returns: The target.
    /// - Throws: ``SchemaCompileError`` when the document, pointer or anchor does not exist.
    func resolveReference(_ reference: String, base: String, keywordLocation: [String]) throws -> ResolvedReference {
        let absolute = SchemaURI.resolve(reference, against: base)
        let (uri, fragment) = SchemaURI.split(absolute)
        let failure = { (reason: String) in
            SchemaCompileError(location: JSONPointer(tokens: keywordLocation), reason: reason)
        }
        let resource: Int
        if let known = resourceByURI[uri] {
            resource = known
        } else if let document = registry.document(for: uri) {
            let loaded = try load(document, uri: uri)
            resource = locationInfo(SchemaLocation(document: loaded, pointer: [])).resource
        } else {
            throw failure("cannot resolve $ref \"\(reference)\": no schema is registered for \"\(uri)\" (remote references are never fetched)")
        }
        let root = resourceRoots[resource]
        if fragment.isEmpty { return ResolvedReference(location: root) }
        if fragment.hasPrefix("/") {
            guard let pointer = JSONPointer(parsing: fragment) else { throw failure("invalid JSON pointer in $ref \"\(reference)\"") }
            let target = SchemaLocation(document: root.document, pointer: root.pointer + pointer.tokens)
            guard value(at: target) != nil else { throw failure("$ref \"\(reference)\" points at nothing") }
            return ResolvedReference(location: target)
        }
        guard let target = anchors[uri + "#" + fragment] else {
            throw failure("$ref \"\(reference)\" names an unknown anchor \"\(fragment)\"")
        }
        let isDynamic = dynamicAnchorLocations[resource][fragment] == target
        return ResolvedReference(location: target, dynamicAnchor: isDynamic ? fragment : nil)
    }
}
