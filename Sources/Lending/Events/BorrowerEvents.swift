import Foundation

/// `borrower.registered`: a person became known to the lender. Keyed by `borrower_id` on
/// `lending.borrower-events`.
public struct BorrowerRegistered: Hashable, Sendable, Codable {
    /// Name as on the identity document.
    public var fullName: String
    /// Date of birth.
    public var dateOfBirth: LocalDate
    /// Mobile number, digits with optional leading +.
    public var mobile: String
    /// Email address, if given.
    public var email: String?
}

/// `kyc.individual.completed`: identity verification succeeded.
public struct KycIndividualCompleted: Hashable, Sendable, Codable {
    /// Verification method (ckyc, aadhaar_otp, video, …).
    public var method: String
    /// The verifier's reference.
    public var reference: String
    /// Date verification succeeded.
    public var verifiedOn: LocalDate
}

/// A borrower-stream event as the domain emits it (the envelope is added by the write side).
public struct BorrowerEvent: Hashable, Sendable {
    /// Borrower payloads.
    public enum Payload: Hashable, Sendable {
        case registered(BorrowerRegistered)
        case kycIndividualCompleted(KycIndividualCompleted)
    }

    /// The payload.
    public var payload: Payload
    /// Business date.
    public var effectiveDate: LocalDate

    /// Creates an event.
    public init(_ payload: Payload, on effectiveDate: LocalDate) {
        self.payload = payload
        self.effectiveDate = effectiveDate
    }

    /// Every borrower event type name.
    public static let allTypes = ["borrower.registered", "kyc.individual.completed"]

    /// The event type name.
    public var type: String {
        switch payload {
        case .registered: "borrower.registered"
        case .kycIndividualCompleted: "kyc.individual.completed"
        }
    }

    /// Schema version of the payload.
    public var schemaVersion: Int { 1 }
    /// Business time: midnight UTC of `effectiveDate`.
    public var effectiveAt: Date { effectiveDate.startOfDayUTC }

    /// The `data` object as JSON bytes.
    ///
    /// - Throws: `LendingError` if encoding fails.
    public func encodedData() throws(LendingError) -> Data {
        switch payload {
        case .registered(let p): try EventJSON.encode(p, type: type)
        case .kycIndividualCompleted(let p): try EventJSON.encode(p, type: type)
        }
    }

    /// Re-reads a stored borrower event.
    ///
    /// - Throws: `LendingError` for an unknown type or undecodable data.
    public static func decode(type: String, data: Data, effectiveAt: Date) throws(LendingError) -> BorrowerEvent {
        let date = try EventJSON.businessDate(of: effectiveAt)
        switch type {
        case "borrower.registered":
            return BorrowerEvent(.registered(try EventJSON.decode(BorrowerRegistered.self, from: data, type: type)), on: date)
        case "kyc.individual.completed":
            return BorrowerEvent(.kycIndividualCompleted(
                try EventJSON.decode(KycIndividualCompleted.self, from: data, type: type)), on: date)
        default:
            throw LendingError(.invalidValue, "unknown borrower event type '\(type)'", field: "event_type")
        }
    }
}
