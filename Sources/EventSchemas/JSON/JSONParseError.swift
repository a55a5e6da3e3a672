/// A syntax error in a JSON text.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the problem.
    public var line: Int
    /// The 1-based column (in UTF-8 bytes) of the problem.
    public var column: Int
    /// What is wrong, e.g. "expected ':' after object key".
    public var message: String

    /// Creates an error at a position.
    ///
    /// - Parameters:
    ///   - line: The 1-based line.
    ///   - column: The 1-based byte column.
    ///   - message: A readable description.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "JSON syntax error at line \(line), column \(column): \(message)" }
}
