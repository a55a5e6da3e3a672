/// A schema that cannot be compared at all (as opposed to an incompatible one).
public struct CompatibilityError: Error, Sendable, CustomStringConvertible {
    /// Stable machine-readable cause.
    public enum Code: String, Sendable {
        /// A `$ref` points outside the document or at nothing.
        case unresolvableReference = "UNRESOLVABLE_REFERENCE"
        /// The schema is not a JSON object or boolean, or a keyword has the wrong shape.
        case invalidSchema = "INVALID_SCHEMA"
        /// The schemas nest (or `$ref` each other) deeper than the checker follows.
        case tooDeep = "TOO_DEEP"
    }

    public var code: Code
    /// What went wrong, for a developer.
    public var reason: String
    /// JSON pointer of the offending location, `#` for the root.
    public var pointer: String
    public var file: String
    public var line: Int

    init(_ code: Code, _ reason: String, at path: [String] = [],
         file: String = #fileID, line: Int = #line) {
        self.code = code
        self.reason = reason
        self.pointer = JSONPointerText.render(path)
        self.file = file
        self.line = line
    }

    public var description: String { "\(code.rawValue) at \(pointer): \(reason)" }
}

/// Renders a path of reference tokens as an RFC 6901 pointer in URI-fragment form (`#/a/b`).
enum JSONPointerText {
    static func render(_ tokens: [String]) -> String {
        tokens.reduce(into: "#") { text, token in
            text += "/"
            for character in token {
                switch character {
                case "~": text += "~0"
                case "/": text += "~1"
                default: text.append(character)
                }
            }
        }
    }
}
