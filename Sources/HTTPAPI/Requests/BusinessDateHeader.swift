import HTTPTypes
import Lending

/// The optional `Business-Date` header: the date a command is decided on, when the server allows
/// value-dated work (`LOANSTREAM_HTTP_BUSINESS_DATE_OVERRIDE=true`: back office, replays, the demo).
enum BusinessDateHeader {
    static let name = HTTPField.Name("Business-Date")!

    /// The business date of a command: the header's date when present and allowed, else today.
    ///
    /// - Throws: ``Problem`` 400 `invalid-parameter` when the header is present but overrides are
    ///   off, malformed, or later than today (a command cannot happen in the future).
    static func resolve(_ headers: HTTPFields, allowed: Bool, today: LocalDate) throws(Problem) -> LocalDate {
        guard let text = headers[name] else { return today }
        guard allowed else {
            throw refusal("This server decides every command on today's date; Business-Date is accepted only where LOANSTREAM_HTTP_BUSINESS_DATE_OVERRIDE=true.",
                          "not accepted by this server")
        }
        guard let date = LocalDate(text) else {
            throw refusal("Business-Date must be a date such as 2026-04-16.", "a date (YYYY-MM-DD)")
        }
        guard date <= today else {
            throw refusal("Business-Date \(date) is after today (\(today)).", "not after today")
        }
        return date
    }

    private static func refusal(_ detail: String, _ field: String) -> Problem {
        Problem(type: .invalidParameter, status: .badRequest, detail: detail, errors: [.init(pointer: "Business-Date", detail: field)])
    }
}
