import EventSchemas
import Foundation
import Lending

/// Typed access to the members of a validated JSON object, reporting each failure as a 422
/// problem at the member's JSON pointer.
///
/// The request schema has already checked types and required members; what is left here are
/// the rules a schema cannot express (a currency the domain knows, an amount exact in its minor
/// units, a real calendar date), and defensive errors should the document and the code disagree.
struct BodyFields: Sendable {
    let members: [String: JSONValue]
    let base: JSONPointer

    /// - Parameters:
    ///   - value: the object.
    ///   - base: its location in the body.
    /// - Throws: ``Problem`` when `value` is not an object.
    init(_ value: JSONValue, at base: JSONPointer = .root) throws(Problem) {
        guard let members = value.objectValue else { throw BodyFields.invalid(base, "must be an object") }
        self.members = members
        self.base = base
    }

    func has(_ key: String) -> Bool { members[key] != nil }

    func string(_ key: String) throws(Problem) -> String {
        guard let text = members[key]?.stringValue else { throw invalid(key, "must be a string") }
        return text
    }

    func optionalString(_ key: String) throws(Problem) -> String? {
        guard has(key) else { return nil }
        return try string(key)
    }

    func int(_ key: String) throws(Problem) -> Int {
        guard let number = members[key]?.numberValue, number.isInteger, let value = number.int64,
              let int = Int(exactly: value) else { throw invalid(key, "must be an integer") }
        return int
    }

    func date(_ key: String) throws(Problem) -> LocalDate {
        let text = try string(key)
        guard let date = LocalDate(text) else { throw invalid(key, "'\(text)' is not a date (YYYY-MM-DD)") }
        return date
    }

    func id(_ key: String) throws(Problem) -> EntityID {
        let text = try string(key)
        guard let id = EntityID(text) else { throw invalid(key, "'\(text)' is not a UUID") }
        return id
    }

    /// An id the client may give (to make the command repeatable) or leave to the server.
    func optionalID(_ key: String) throws(Problem) -> EntityID {
        has(key) ? try id(key) : EntityID.random()
    }

    /// Money `{"amount": "1250.00", "currency": "INR"}`: an unknown currency is reported at
    /// `/<key>/currency`, an inexact or malformed amount at `/<key>/amount`.
    func money(_ key: String) throws(Problem) -> Money {
        let fields = try nested(key)
        let code = try fields.string("currency")
        let currency: Currency
        do { currency = try Currency(code: code) } catch { throw fields.invalid("currency", error.reason, code: error.code) }
        let text = try fields.string("amount")
        do { return try Money.parse(text, currency: currency) } catch { throw fields.invalid("amount", error.reason, code: error.code) }
    }

    func nested(_ key: String) throws(Problem) -> BodyFields {
        guard let value = members[key] else { throw invalid(key, "is required") }
        return try BodyFields(value, at: base.appending(key))
    }

    func invalid(_ key: String, _ detail: String, code: LendingError.Code? = nil) -> Problem {
        BodyFields.invalid(base.appending(key), detail, code: code)
    }

    static func invalid(_ pointer: JSONPointer, _ detail: String, code: LendingError.Code? = nil) -> Problem {
        let location = pointer.tokens.isEmpty ? "" : pointer.description
        return Problem(type: .validation, status: .unprocessableContent, detail: "\(location): \(detail)",
                       code: code?.rawValue, errors: [Problem.FieldError(pointer: location, detail: detail)])
    }
}
