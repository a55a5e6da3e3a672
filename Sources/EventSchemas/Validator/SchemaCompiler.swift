/// Turns a schema (and the documents it references) into a ``CompiledProgram``.
///
/// Compilation has two parts: indexing a document records every `$id`, `$anchor` and
/// `$dynamicAnchor` with its base URI and dialect; compiling turns each reachable schema
/// location into a ``CompiledNode`` exactly once, via a work queue so recursive `$ref`s
/// simply point at an already allocated node index.
final class SchemaCompiler {
    let registry: SchemaResolver
    let options: ValidatorOptions

    /// Loaded documents and the URI each was loaded under.
    var documents: [JSONValue] = []
    var documentURIs: [String] = []
    /// Resource URI (no fragment) → resource number; several URIs may name one resource.
    var resourceByURI: [String: Int] = [:]
    /// Resource number → its root location.
    var resourceRoots: [SchemaLocation] = []
    /// `uri#name` → location, for `$anchor`, `$dynamicAnchor` and draft-07 `#name` ids.
    var anchors: [String: SchemaLocation] = [:]
    /// Per resource, `$dynamicAnchor` name → location.
    var dynamicAnchorLocations: [[String: SchemaLocation]] = []
    /// Base URI, dialect and resource of every indexed schema location.
    var info: [SchemaLocation: LocationInfo] = [:]

    var nodes: [CompiledNode] = []
    var nodeByLocation: [SchemaLocation: Int] = [:]
    var queue: [(node: Int, location: SchemaLocation)] = []

    init(registry: SchemaResolver, options: ValidatorOptions) {
        self.registry = registry
        self.options = options
    }

    /// Compiles `schema` as the root document.
    ///
    /// - Parameter schema: The root schema.
    /// - Returns: The program.
    /// - Throws: ``SchemaCompileError`` for malformed keywords and unresolvable references.
    func compile(root schema: JSONValue) throws -> CompiledProgram {
        let document = try load(schema, uri: "")
        let root = node(for: SchemaLocation(document: document, pointer: []))
        var compiledAnchors: [[String: Int]] = []
        repeat {
            try drainQueue()
            compiledAnchors = dynamicAnchorLocations.map { $0.mapValues { node(for: $0) } }
        } while !queue.isEmpty
        return CompiledProgram(nodes: nodes, root: root, documentURIs: documentURIs,
                               dynamicAnchors: compiledAnchors)
    }

    /// The node index for a location, allocating and queueing it on first use.
    ///
    /// - Parameter location: The schema location.
    /// - Returns: The node index.
    func node(for location: SchemaLocation) -> Int {
        if let existing = nodeByLocation[location] { return existing }
        let index = nodes.count
        nodes.append(CompiledNode())
        nodeByLocation[location] = index
        queue.append((index, location))
        return index
    }

    private func drainQueue() throws {
        while let (index, location) = queue.popLast() {
            nodes[index] = try compileNode(at: location)
        }
    }

    /// Loads and indexes a document under `uri` (the URI `$ref`s use for it).
    ///
    /// - Parameters:
    ///   - schema: The document.
    ///   - uri: Its retrieval URI without fragment; empty for an anonymous root.
    /// - Returns: The document index.
    /// - Throws: ``SchemaCompileError`` for a malformed `$id`.
    func load(_ schema: JSONValue, uri: String) throws -> Int {
        let index = documents.count
        documents.append(schema)
        documentURIs.append(uri)
        let root = SchemaLocation(document: index, pointer: [])
        let resource = addResource(uri: uri, root: root)
        var draft = options.defaultDraft
        if case .string(let dialect)? = schema["$schema"], let declared = self.dialect(dialect) {
            draft = declared.0
        }
        try indexSchema(schema, at: root, base: uri, draft: draft, resource: resource)
        if case .string(let id)? = schema["$id"], !(draft == .draft7 && schema["$ref"] != nil) {
            let resolved = SchemaURI.split(SchemaURI.resolve(id, against: uri)).base
            if !resolved.isEmpty, documentURIs[index].isEmpty { documentURIs[index] = resolved }
        }
        return index
    }

    /// Registers a resource URI, reusing the resource number when the location already has one.
    func addResource(uri: String, root: SchemaLocation) -> Int {
        if let existing = resourceRoots.firstIndex(of: root) {
            resourceByURI[uri] = existing
            return existing
        }
        let resource = resourceRoots.count
        resourceRoots.append(root)
        dynamicAnchorLocations.append([:])
        resourceByURI[uri] = resource
        return resource
    }

    /// The JSON value at a location.
    func value(at location: SchemaLocation) -> JSONValue? {
        JSONPointer(tokens: location.pointer).resolve(in: documents[location.document])
    }
}
