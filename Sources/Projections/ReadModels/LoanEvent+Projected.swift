import Foundation
import Lending

extension ProjectedEvent {
    /// The loan event this message carries, decoded by the domain.
    ///
    /// - Throws: ``ProjectionFailure/permanent(eventID:errorClass:message:)`` when the domain
    ///   cannot decode it (unknown type, data that does not fit): retrying would never help.
    func loanEvent() throws(ProjectionFailure) -> LoanEvent {
        do {
            return try LoanEvent.decode(type: eventType, data: dataBytes(), effectiveAt: effectiveAt)
        } catch {
            throw .permanent(eventID: eventID, errorClass: "undecodable_event", message: error.reason)
        }
    }

    /// The borrower event this message carries.
    ///
    /// - Throws: ``ProjectionFailure/permanent(eventID:errorClass:message:)`` when it does not decode.
    func borrowerEvent() throws(ProjectionFailure) -> BorrowerEvent {
        do {
            return try BorrowerEvent.decode(type: eventType, data: dataBytes(), effectiveAt: effectiveAt)
        } catch {
            throw .permanent(eventID: eventID, errorClass: "undecodable_event", message: error.reason)
        }
    }

    /// The envelope's `data` object as JSON bytes (`{}` when absent, which the decoder then refuses).
    private func dataBytes() -> Data {
        Data((envelope["data"]?.serialized(sortedKeys: true) ?? "{}").utf8)
    }

    /// Whether the event belongs to a borrower stream rather than a loan stream.
    var isBorrowerEvent: Bool {
        topic == ReadModelProjection.borrowerTopic || BorrowerEvent.allTypes.contains(eventType)
    }
}
