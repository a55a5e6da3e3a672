/// The immutable result of compiling a schema: a flat node array that validation walks by index.
struct CompiledProgram: Sendable {
    /// Every compiled (sub)schema; `$ref`s are indices into this array.
    var nodes: [CompiledNode]
    /// The node of the root schema.
    var root: Int
    /// The URI of each schema document (empty for an anonymous root), for error reports.
    var documentURIs: [String]
    /// Per schema resource, its `$dynamicAnchor`s by name → node, for `$dynamicRef`.
    var dynamicAnchors: [[String: Int]]
}

/// A location in a loaded schema document.
struct SchemaLocation: Hashable, Sendable {
    /// Index of the document in the compiler's document list.
    var document: Int
    /// Unescaped JSON pointer tokens from the document root.
    var pointer: [String]

    /// The location one or more tokens deeper.
    ///
    /// - Parameter tokens: The tokens to append.
    /// - Returns: The child location.
    func appending(_ tokens: String...) -> SchemaLocation {
        SchemaLocation(document: document, pointer: pointer + tokens)
    }
}

/// What the indexing pass learned about a schema location.
struct LocationInfo: Sendable {
    /// The base URI in effect (after the location's own `$id`).
    var base: String
    /// The dialect in effect.
    var draft: SchemaDraft
    /// The schema resource the location belongs to.
    var resource: Int
    /// The vocabularies a custom meta-schema switches on or off.
    var vocabularies = Vocabularies()
}

/// What a dialect's `$vocabulary` says beyond the defaults.
struct Vocabularies: Sendable, Hashable {
    /// The validation vocabulary (type, enum, bounds, …); a custom meta-schema may leave it out.
    var validation = true
    /// The format-assertion vocabulary: `format` is asserted whatever the options say.
    var formatAssertion = false
}
