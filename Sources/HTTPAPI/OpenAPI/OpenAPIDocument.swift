import EventSchemas
import Foundation

/// The OpenAPI 3.1 document of the API (`OpenAPI/openapi.json`, bundled with the module): served
/// at `/openapi.json` and the source of every request body schema the routes validate against.
public struct OpenAPIDocument: Sendable {
    /// The URI the document is registered under, so request schemas can `$ref` into it.
    public static let uri = "https://loanstream.dev/openapi.json"

    /// The document's bytes exactly as bundled.
    public let bytes: [UInt8]
    /// The parsed document.
    public let value: JSONValue

    /// Loads the bundled document.
    ///
    /// - Throws: when the resource is missing or not JSON (a packaging bug).
    public static func bundled() throws -> OpenAPIDocument {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw OpenAPIDocumentError(reason: "openapi.json is missing from the HTTPAPI resource bundle")
        }
        return try OpenAPIDocument(bytes: Array(Data(contentsOf: url)))
    }

    /// Parses a document.
    ///
    /// - Parameter bytes: UTF-8 JSON.
    /// - Throws: `JSONParseError` when it is not JSON.
    public init(bytes: [UInt8]) throws {
        self.bytes = bytes
        self.value = try JSONValue(parsing: bytes)
    }

    /// Compiles the schema `components/schemas/<name>` with the document registered for its `$ref`s.
    ///
    /// - Parameter name: the component's name.
    /// - Returns: the compiled schema, shareable across requests.
    /// - Throws: ``OpenAPIDocumentError`` for an unknown component, `SchemaCompileError` for a bad schema.
    public func compileSchema(named name: String) throws -> CompiledSchema {
        guard value["components"]?["schemas"]?[name] != nil else {
            throw OpenAPIDocumentError(reason: "components/schemas/\(name) is not in the OpenAPI document")
        }
        var resolver = SchemaResolver()
        resolver.add(value, uri: OpenAPIDocument.uri)
        let reference: JSONValue = ["$ref": .string("\(OpenAPIDocument.uri)#/components/schemas/\(name)")]
        return try CompiledSchema(reference, registry: resolver)
    }
}

/// The bundled OpenAPI document is missing or does not describe what the code expects.
public struct OpenAPIDocumentError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}
