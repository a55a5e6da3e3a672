import Foundation

/// Why the write side refused a command, apart from the domain's own `LendingError`.
public struct CommandError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// The idempotency key was already used with a different request (422).
        case idempotencyKeyReused
        /// `If-Match` named a version the stream is not at (409).
        case versionMismatch(expected: Int, actual: Int)
        /// The loan or borrower does not exist (404).
        case streamNotFound
        /// The domain produced an event its schema refuses: a bug, nothing was written (500).
        case invalidEvent(errorID: String)
        /// Concurrent writers kept winning; the client may retry (409).
        case conflictRetriesExhausted
    }

    public var code: Code
    /// A sentence for the client (never internals).
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code): \(reason)" }
}
