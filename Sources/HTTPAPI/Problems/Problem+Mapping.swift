import Lending

extension Problem {
    /// The problem for an error of a layer below HTTP (the domain, the command core), or `nil`
    /// when the error is not one this layer knows how to explain.
    ///
    /// - Parameter error: what a route threw.
    init?(mapping error: any Error) {
        switch error {
        case let error as LendingError:
            self.init(lending: error)
        case let error as CommandError:
            self.init(command: error)
        default:
            return nil
        }
    }

    /// Maps a refusal of the command core.
    ///
    /// - Parameter error: the refusal; its `reason` is written for clients and never holds internals.
    init(command error: CommandError) {
        switch error.code {
        case .idempotencyKeyReused:
            self.init(type: .idempotencyKeyReused, status: .unprocessableContent, detail: error.reason,
                      code: "idempotency_key_reused")
        case .versionMismatch:
            self.init(type: .versionMismatch, status: .conflict, detail: error.reason, code: "version_mismatch")
        case .streamNotFound:
            self.init(type: .streamNotFound, status: .notFound, detail: error.reason, code: "stream_not_found")
        case .invalidEvent(let errorID):
            // The core logged the event and its schema errors under this id; the client learns only the id.
            self.init(type: .internalError, status: .internalServerError,
                      detail: "The server could not complete the request; nothing was written. Quote the error id when reporting it.",
                      errorID: errorID)
        case .conflictRetriesExhausted:
            self.init(type: .conflictRetriesExhausted, status: .conflict, detail: error.reason,
                      code: "conflict_retries_exhausted")
        }
    }
}
