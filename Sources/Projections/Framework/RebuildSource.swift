/// Where a rebuild reads events from.
public enum RebuildSource: String, Sendable, CaseIterable {
    /// `loan_event` / `borrower_event` in (stream, version) order. Events carry no Kafka position
    /// (partition and offset are -1).
    case eventStore = "event-store"
    /// The projection's topics from offset 0, through the same decoding and validation as the projector.
    case kafka

    /// The event-store table holding a topic's events, and its stream column.
    static func table(forTopic topic: String) -> (table: String, stream: String)? {
        if topic.hasPrefix("lending.loan-events") { return ("loan_event", "loan_id") }
        if topic.hasPrefix("lending.borrower-events") { return ("borrower_event", "borrower_id") }
        return nil
    }
}

/// What a rebuild did.
public struct RebuildReport: Sendable, Equatable {
    /// Events applied to the shadow tables before the swap.
    public var filled = 0
    /// Events applied while catching up under the lock, just before the swap.
    public var caughtUp = 0
    /// Events skipped because the live projector had given up on them (discarded) or they failed.
    public var skipped = 0
    public var seconds = 0.0

    public init() {}
}
