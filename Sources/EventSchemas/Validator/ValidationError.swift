/// One reason an instance does not match a schema.
public struct ValidationError: Sendable, Hashable, CustomStringConvertible {
    /// Where in the instance the problem is, e.g. `/data/amount`.
    public var instanceLocation: JSONPointer
    /// The evaluation path to the failing keyword from the root schema, through any `$ref`s,
    /// e.g. `/properties/data/properties/amount/$ref/properties/amount/pattern`.
    public var keywordLocation: JSONPointer
    /// A sentence a developer understands, e.g. `"12.5" does not match pattern ^[0-9]+\.[0-9]{2}$`.
    public var message: String
    /// The URI of the schema document holding the keyword (its `$id`), empty for an anonymous root.
    public var schemaURI: String
    /// Where the failing keyword is written in that document, e.g.
    /// `/$defs/money/properties/amount/pattern` (the JSON Schema "absolute keyword location").
    public var schemaLocation: JSONPointer

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - instanceLocation: The JSON pointer into the instance.
    ///   - keywordLocation: The JSON pointer of the failing keyword in its schema document.
    ///   - message: The readable reason.
    ///   - schemaURI: The URI of the schema document holding the keyword.
    ///   - schemaLocation: The keyword's location in that document (defaults to `keywordLocation`).
    public init(instanceLocation: JSONPointer, keywordLocation: JSONPointer, message: String, schemaURI: String = "",
                schemaLocation: JSONPointer? = nil) {
        self.instanceLocation = instanceLocation
        self.keywordLocation = keywordLocation
        self.message = message
        self.schemaURI = schemaURI
        self.schemaLocation = schemaLocation ?? keywordLocation
    }

    /// `"<instance pointer>: <message> (at <keyword pointer>)"`, with `/` for the root instance.
    public var description: String {
        let instance = instanceLocation.tokens.isEmpty ? "/" : instanceLocation.description
        return "\(instance): \(message) (schema \(keywordLocation))"
    }
}

/// A schema that cannot be compiled: malformed keyword, unresolvable `$ref`, bad regex.
public struct SchemaCompileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the schema the problem is.
    public var location: JSONPointer
    /// What is wrong.
    public var reason: String

    /// Creates a compile error.
    ///
    /// - Parameters:
    ///   - location: The schema location.
    ///   - reason: The readable reason.
    public init(location: JSONPointer, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "invalid schema at \(location.tokens.isEmpty ? "/" : location.description): \(reason)" }
}

/// The JSON Schema dialects the validator implements.
public enum SchemaDraft: Sendable, Hashable {
    /// Draft 2020-12 (the default).
    case draft2020_12
    /// Draft-07 (also used for draft-06 and draft-04 documents, which it mostly subsumes).
    case draft7

    /// The draft named by a `$schema` URI, or `nil` when unknown.
    ///
    /// - Parameter uri: The `$schema` value.
    /// - Returns: The draft.
    public static func fromSchemaURI(_ uri: String) -> SchemaDraft? {
        let trimmed = uri.hasSuffix("#") ? String(uri.dropLast()) : uri
        switch trimmed {
        case "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2019-09/schema":
            return .draft2020_12
        case "http://json-schema.org/draft-07/schema", "http://json-schema.org/draft-06/schema",
            "http://json-schema.org/draft-04/schema":
            return .draft7
        default:
            return nil
        }
    }
}

/// How a schema is compiled.
public struct ValidatorOptions: Sendable, Hashable {
    /// The draft for documents without `$schema`. Default: 2020-12.
    public var defaultDraft: SchemaDraft = .draft2020_12
    /// Whether `format` is asserted (an invalid date-time is an error) rather than only an
    /// annotation. Default: `true`, because our event schemas rely on it.
    public var assertFormats: Bool = true

    /// The defaults: draft 2020-12, formats asserted.
    public init() {}
}
