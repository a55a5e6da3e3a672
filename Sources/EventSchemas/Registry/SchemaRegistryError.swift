/// A `Schemas/` file that cannot be loaded, or a lookup that cannot be answered.
public struct SchemaRegistryError: Error, Sendable, CustomStringConvertible {
    /// Stable machine-readable cause.
    public enum Code: String, Sendable {
        case unreadableFile = "UNREADABLE_FILE"
        case invalidJSON = "INVALID_JSON"
        /// A file outside the `Schemas/<event_type>/v<N>.json` layout.
        case unexpectedPath = "UNEXPECTED_PATH"
        /// The validator refused to compile the schema.
        case invalidSchema = "INVALID_SCHEMA"
        case unknownEventType = "UNKNOWN_EVENT_TYPE"
        case unknownVersion = "UNKNOWN_VERSION"
    }

    public var code: Code
    /// The schema file concerned (relative to the repository), or empty for lookups.
    public var path: String
    public var reason: String
    public var file: String
    public var line: Int

    init(_ code: Code, path: String = "", _ reason: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.path = path
        self.reason = reason
        self.file = file
        self.line = line
    }

    public var description: String {
        (path.isEmpty ? "" : "\(path): ") + "\(reason) [\(code.rawValue)]"
    }
}
