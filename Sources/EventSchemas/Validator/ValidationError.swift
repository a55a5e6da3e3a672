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
