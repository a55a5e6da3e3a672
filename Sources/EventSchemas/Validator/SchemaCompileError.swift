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
