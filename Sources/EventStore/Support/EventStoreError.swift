/// An error of the event store, with a stable code, a human reason and where it was raised.
public struct EventStoreError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, stable enough to branch on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String { case migrationChanged, migrationUnknown, migrationsPending, versionConflict, unbalancedEntry }
        private let value: Value
        public var description: String { value.rawValue }

        /// An already-applied migration's SQL differs from the one in this build.
        public static let migrationChanged = Code(value: .migrationChanged)
        /// The database has a migration this build does not know (it is older than the schema).
        public static let migrationUnknown = Code(value: .migrationUnknown)
        /// Migrations are not yet applied; run `loanstream migrate`.
        public static let migrationsPending = Code(value: .migrationsPending)
        /// Another writer appended to the stream first.
        public static let versionConflict = Code(value: .versionConflict)
        /// A journal entry's lines do not sum to zero.
        public static let unbalancedEntry = Code(value: .unbalancedEntry)
    }

    public var code: Code
    /// A sentence for the person reading the log.
    public var reason: String
    public var file: String
    public var line: Int

    public init(_ code: Code, _ reason: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    public var description: String { "\(code): \(reason) [\(file):\(line)]" }
}
