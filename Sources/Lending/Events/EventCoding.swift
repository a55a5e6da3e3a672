import Foundation

/// JSON coding of event payloads: snake_case keys, sorted for stable bytes, money and rates
/// as strings (their own `Codable` conformances), dates as `YYYY-MM-DD`.
enum EventJSON {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    static func encode(_ value: some Encodable, type: String) throws(LendingError) -> Data {
        do { return try encoder().encode(value) } catch {
            throw LendingError(.invalidValue, "cannot encode \(type): \(error)", field: "data")
        }
    }

    static func decode<T: Decodable>(_: T.Type, from data: Data, type: String) throws(LendingError) -> T {
        do { return try decoder().decode(T.self, from: data) } catch {
            throw LendingError(.invalidValue, "stored \(type) data does not decode: \(error)", field: "data")
        }
    }

    /// The UTC business date of an `effective_at` instant.
    ///
    /// - Throws: `LendingError.Code.invalidValue` for an instant outside years 1900–9999.
    static func businessDate(of instant: Date) throws(LendingError) -> LocalDate {
        // Timestamps are not money: converting a Date's seconds to a day number is exact for
        // whole days and safe once the range is checked.
        let days = (instant.timeIntervalSince1970 / 86_400).rounded(.down)
        guard days.isFinite, days >= -25_567, days <= 2_932_896 else {
            throw LendingError(.invalidValue, "effective_at \(instant) is outside the supported years", field: "effective_at")
        }
        return LocalDate(daysSinceEpoch: Int(days))
    }
}

extension LoanEvent {
    /// The `data` object of the envelope as JSON bytes.
    ///
    /// - Returns: UTF-8 JSON with snake_case keys and sorted members.
    /// - Throws: `LendingError.Code.invalidValue` if encoding fails (it does not for valid payloads).
    public func encodedData() throws(LendingError) -> Data {
        switch payload {
        case .applicationCreated(let p): try EventJSON.encode(p, type: type)
        case .applicationSubmitted(let p): try EventJSON.encode(p, type: type)
        case .decisionApproved(let p): try EventJSON.encode(p, type: type)
        case .decisionDeclined(let p): try EventJSON.encode(p, type: type)
        case .decisionReferred(let p): try EventJSON.encode(p, type: type)
        case .sanctionIssued(let p): try EventJSON.encode(p, type: type)
        case .disbursementCreated(let p): try EventJSON.encode(p, type: type)
        case .disbursementExecuted(let p): try EventJSON.encode(p, type: type)
        case .disbursementFailed(let p): try EventJSON.encode(p, type: type)
        case .loanActivated(let p): try EventJSON.encode(p, type: type)
        case .accrualPosted(let p): try EventJSON.encode(p, type: type)
        case .accrualReversed(let p): try EventJSON.encode(p, type: type)
        case .repaymentReceived(let p): try EventJSON.encode(p, type: type)
        case .repaymentAllocated(let p): try EventJSON.encode(p, type: type)
        case .repaymentAllocationReversed(let p): try EventJSON.encode(p, type: type)
        case .prepaymentApplied(let p): try EventJSON.encode(p, type: type)
        case .excessRefunded(let p): try EventJSON.encode(p, type: type)
        case .chargeApplied(let p): try EventJSON.encode(p, type: type)
        case .chargeWaived(let p): try EventJSON.encode(p, type: type)
        case .chargeReversed(let p): try EventJSON.encode(p, type: type)
        case .classificationChanged(let p): try EventJSON.encode(p, type: type)
        case .writeoffApplied(let p): try EventJSON.encode(p, type: type)
        case .recoveryReceived(let p): try EventJSON.encode(p, type: type)
        case .loanClosed(let p): try EventJSON.encode(p, type: type)
        }
    }

    /// Re-reads a stored event.
    ///
    /// - Parameters:
    ///   - type: The `event_type`.
    ///   - data: The `data` object's JSON bytes.
    ///   - effectiveAt: The envelope's `effective_at`.
    /// - Returns: The event.
    /// - Throws: `LendingError` for an unknown type or data that does not decode.
    public static func decode(type: String, data: Data, effectiveAt: Date) throws(LendingError) -> LoanEvent {
        let payload: Payload
        func d<T: Decodable>(_ t: T.Type) throws(LendingError) -> T { try EventJSON.decode(t, from: data, type: type) }
        switch type {
        case "application.created": payload = .applicationCreated(try d(ApplicationCreated.self))
        case "application.submitted": payload = .applicationSubmitted(try d(ApplicationSubmitted.self))
        case "decision.approved": payload = .decisionApproved(try d(DecisionApproved.self))
        case "decision.declined": payload = .decisionDeclined(try d(DecisionDeclined.self))
        case "decision.referred": payload = .decisionReferred(try d(DecisionReferred.self))
        case "sanction.issued": payload = .sanctionIssued(try d(SanctionIssued.self))
        case "disbursement.created": payload = .disbursementCreated(try d(DisbursementCreated.self))
        case "disbursement.executed": payload = .disbursementExecuted(try d(DisbursementExecuted.self))
        case "disbursement.failed": payload = .disbursementFailed(try d(DisbursementFailed.self))
        case "loan.activated": payload = .loanActivated(try d(LoanActivated.self))
        case "accrual.posted": payload = .accrualPosted(try d(AccrualPosted.self))
        case "accrual.reversed": payload = .accrualReversed(try d(AccrualReversed.self))
        case "repayment.received": payload = .repaymentReceived(try d(RepaymentReceived.self))
        case "repayment.allocated": payload = .repaymentAllocated(try d(RepaymentAllocated.self))
        case "repayment.allocation.reversed": payload = .repaymentAllocationReversed(try d(RepaymentAllocationReversed.self))
        case "prepayment.applied": payload = .prepaymentApplied(try d(PrepaymentApplied.self))
        case "excess.refunded": payload = .excessRefunded(try d(ExcessRefunded.self))
        case "charge.applied": payload = .chargeApplied(try d(ChargeApplied.self))
        case "charge.waived": payload = .chargeWaived(try d(ChargeWaived.self))
        case "charge.reversed": payload = .chargeReversed(try d(ChargeReversed.self))
        case "classification.changed": payload = .classificationChanged(try d(ClassificationChanged.self))
        case "writeoff.applied": payload = .writeoffApplied(try d(WriteoffApplied.self))
        case "recovery.received": payload = .recoveryReceived(try d(RecoveryReceived.self))
        case "loan.closed": payload = .loanClosed(try d(LoanClosed.self))
        default:
            throw LendingError(.invalidValue, "unknown loan event type '\(type)'", field: "event_type")
        }
        return LoanEvent(payload, on: try EventJSON.businessDate(of: effectiveAt))
    }
}
