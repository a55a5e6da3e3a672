/// The one error type of the Relay module: a stable ``Code``, a human ``reason`` and where it was raised.
public struct RelayError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New codes may be added; switch with a `default`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Sendable { case configuration, leadershipLost, database, benchmark }
        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// A setting is missing or malformed.
        public static let configuration = Code(.configuration)
        /// The connection holding the advisory lock failed, so this relay may no longer be the active one.
        public static let leadershipLost = Code(.leadershipLost)
        /// PostgreSQL answered with something the relay cannot read.
        public static let database = Code(.database)
        /// A benchmark run could not be completed.
        public static let benchmark = Code(.benchmark)

        public var description: String { backing.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// A sentence for the person reading the log.
    public let reason: String
    /// The source file that raised the error.
    public let file: String
    /// The source line that raised the error.
    public let line: Int

    /// Creates an error.
    public init(_ code: Code, _ reason: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    public var description: String { "RelayError.\(code): \(reason) (\(file):\(line))" }
}
