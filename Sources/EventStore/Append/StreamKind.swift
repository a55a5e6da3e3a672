/// The kinds of event stream the store keeps, each in its own append-only table.
public enum StreamKind: String, Sendable, Hashable, CaseIterable {
    /// `loan_event`, keyed by `loan_id`.
    case loan
    /// `borrower_event`, keyed by `borrower_id`.
    case borrower

    /// The table (a fixed identifier, never user input).
    var table: String { "\(rawValue)_event" }
    /// The stream id column.
    var idColumn: String { "\(rawValue)_id" }
}
