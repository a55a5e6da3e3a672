import Foundation
import Hummingbird
import Lending

/// The query parameters of the read routes: `limit`, `cursor`, `min_version`, `date`.
struct ReadQuery: Sendable {
    static let defaultLimit = 50
    static let maxLimit = 200

    var limit = ReadQuery.defaultLimit
    var cursor: PageCursor?
    var minVersion: Int?
    var date: LocalDate?

    /// - Throws: ``Problem`` 400 `invalid-parameter` naming the malformed parameter.
    init(_ query: Parameters) throws(Problem) {
        if let text = query.get("limit") {
            guard let value = Int(text), (1...ReadQuery.maxLimit).contains(value) else {
                throw ReadQuery.invalid("limit", "an integer from 1 to \(ReadQuery.maxLimit)")
            }
            limit = value
        }
        if let text = query.get("cursor") { cursor = try PageCursor(decoding: text) }
        if let text = query.get("min_version") {
            guard let value = Int(text), value >= 1, value <= 1_000_000_000 else {
                throw ReadQuery.invalid("min_version", "a stream version, an integer of at least 1")
            }
            minVersion = value
        }
        if let text = query.get("date") {
            guard let value = LocalDate(text), (1900...9999).contains(value.components.year) else {
                throw ReadQuery.invalid("date", "a business date YYYY-MM-DD")
            }
            date = value
        }
    }

    static func invalid(_ name: String, _ expected: String) -> Problem {
        Problem(type: .invalidParameter, status: .badRequest, detail: "\(name) must be \(expected).",
                errors: [.init(pointer: name, detail: expected)])
    }
}
