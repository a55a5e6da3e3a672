/// One `Schemas/<event_type>/v<N>.json` file.
public struct EventSchemaFile: Sendable, Hashable {
    public var eventType: String
    public var version: Int
    /// Path relative to the repository, e.g. `Schemas/loan.activated/v1.json`.
    public var path: String
    public var schema: JSONValue

    public init(eventType: String, version: Int, path: String, schema: JSONValue) {
        self.eventType = eventType
        self.version = version
        self.path = path
        self.schema = schema
    }

    /// Splits a repository-relative path into event type and version.
    ///
    /// - Returns: nil unless the path is exactly `Schemas/<event_type>/v<N>.json` with N ≥ 1
    ///   written without leading zeros.
    public static func parsePath(_ path: String) -> (eventType: String, version: Int)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "Schemas", !parts[1].isEmpty,
              parts[2].hasPrefix("v"), parts[2].hasSuffix(".json") else { return nil }
        let digits = parts[2].dropFirst().dropLast(5)
        guard !digits.isEmpty, digits.first != "0", digits.allSatisfy(\.isASCII),
              let version = Int(digits), version >= 1 else { return nil }
        return (String(parts[1]), version)
    }

    /// The repository-relative path of a version.
    public static func path(eventType: String, version: Int) -> String {
        "Schemas/\(eventType)/v\(version).json"
    }
}
