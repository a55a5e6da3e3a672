/// The error of the Telemetry module: a code, a human reason and where it was raised.
public struct TelemetryError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// A bad setting (the reason names the environment variable).
        public static let configuration = Code(name: "configuration")
        /// A malformed W3C `traceparent`.
        public static let malformedTraceparent = Code(name: "malformedTraceparent")
        /// A query of PostgreSQL or Kafka failed while exporting.
        public static let source = Code(name: "source")
        public var description: String { name }
    }

    /// What kind of failure.
    public var code: Code
    /// A human explanation.
    public var reason: String
    /// Where it was raised.
    public var file: String
    /// Where it was raised.
    public var line: Int

    /// Creates an error.
    public init(_ code: Code, _ reason: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    public var description: String { "\(code): \(reason)" }
}
