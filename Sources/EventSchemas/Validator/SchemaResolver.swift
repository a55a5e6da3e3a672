/// A registry of schema documents that `$ref`s to other documents resolve against.
///
/// References are never fetched over a network: a `$ref` to a document that is not registered
/// here (or embedded in the schema itself) is a ``SchemaCompileError``. The JSON Schema
/// meta-schemas of draft 2020-12 and draft-07 are always available.
public struct SchemaResolver: Sendable {
    /// Registered documents by URI (without fragment).
    private(set) var documents: [String: JSONValue] = [:]

    /// An empty registry (plus the built-in meta-schemas).
    public init() {}

    /// Registers a document under a URI.
    ///
    /// - Parameters:
    ///   - schema: The schema document.
    ///   - uri: The absolute URI that `$ref`s use for it, e.g. `http://localhost:1234/integer.json`.
    ///     A trailing empty fragment (`#`) is ignored.
    public mutating func add(_ schema: JSONValue, uri: String) {
        documents[SchemaURI.split(uri).base] = schema
    }

    /// The document registered under `uri` (without fragment), falling back to the built-in
    /// meta-schemas.
    ///
    /// - Parameter uri: The document URI.
    /// - Returns: The document, or `nil` when unknown.
    func document(for uri: String) -> JSONValue? {
        if let document = documents[uri] { return document }
        return MetaSchemas.document(for: uri)
    }
}
