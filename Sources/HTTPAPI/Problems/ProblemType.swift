/// The kinds of problem LoanStream reports; each `uri` is stable and documented.
public struct ProblemType: Sendable, Hashable {
    public var uri: String
    public var title: String

    private init(_ slug: String, _ title: String) {
        self.uri = "https://loanstream.dev/problems/\(slug)"
        self.title = title
    }

    public static let malformedJSON = ProblemType("malformed-json", "The request body is not valid JSON")
    public static let validation = ProblemType("validation", "The request has invalid fields")
    public static let bodyTooLarge = ProblemType("body-too-large", "The request body is too large")
    public static let unauthorized = ProblemType("unauthorized", "Authentication is required")
    public static let forbidden = ProblemType("forbidden", "The token lacks the required scope")
    public static let notFound = ProblemType("not-found", "No such resource")
    public static let methodNotAllowed = ProblemType("method-not-allowed", "The resource does not support that method")
    public static let unsupportedMediaType = ProblemType("unsupported-media-type", "The request body must be application/json")
    public static let invalidParameter = ProblemType("invalid-parameter", "A path, query or header parameter is invalid")
    public static let streamNotFound = ProblemType("stream-not-found", "No such loan or borrower")
    public static let conflictRetriesExhausted = ProblemType("conflict-retries-exhausted", "The loan changed too often to decide the command; retry")
    public static let idempotencyKeyMissing = ProblemType("idempotency-key-missing", "An Idempotency-Key header is required")
    public static let idempotencyKeyReused = ProblemType("idempotency-key-reused", "The Idempotency-Key was used with a different request")
    public static let versionMismatch = ProblemType("version-mismatch", "The loan has moved on since the version in If-Match")
    public static let domainRule = ProblemType("domain-rule", "The command breaks a lending rule")
    public static let stateConflict = ProblemType("state-conflict", "The command conflicts with the loan's history")
    public static let invalidTransition = ProblemType("invalid-transition", "The loan cannot do that in its current state")
    public static let notReady = ProblemType("not-ready", "The read model has not caught up yet")
    public static let internalError = ProblemType("internal", "Internal error")
}
