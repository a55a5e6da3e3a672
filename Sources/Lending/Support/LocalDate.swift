import Foundation

/// A calendar date with no time and no time zone: the business date of lending.
///
/// Due dates, accrual dates and effective dates are civil dates; representing them as
/// `Date` instants invites off-by-one-day errors around midnight and time zones. Stored as
/// days since 1970-01-01 so day differences and ordering are plain integer arithmetic.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let daysSinceEpoch: Int

    /// Creates a date from its day number.
    ///
    /// - Parameter daysSinceEpoch: Days since 1970-01-01.
    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// Creates a date from year, month and day, or returns `nil` for an impossible date.
    ///
    /// - Parameters:
    ///   - year: Four-digit year (1900...9999).
    ///   - month: 1...12.
    ///   - day: 1...days in that month.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        daysSinceEpoch = LocalDate.days(year: year, month: month, day: day)
    }

    /// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar, for any
    /// year (no validation, so date arithmetic never traps).
    private static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`.
    ///
    /// - Parameter text: The ISO 8601 calendar date.
    /// - Returns: `nil` when the text is not a valid date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Year, month and day of this date.
    public var components: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// The same day-of-month `months` later, clamped to the month's last day
    /// (31 Jan + 1 month = 28/29 Feb), the convention of every EMI calendar.
    ///
    /// - Parameters:
    ///   - months: Months to add.
    ///   - anchorDay: The day-of-month to aim for (so 31 Jan → 28 Feb → 31 Mar, not 28 Mar).
    /// - Returns: The shifted date.
    public func adding(months: Int, anchorDay: Int? = nil) -> LocalDate {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let ny = total / 12, nm = total % 12 + 1
        let day = min(anchorDay ?? d, LocalDate.daysIn(month: nm, year: ny))
        return LocalDate(daysSinceEpoch: LocalDate.days(year: ny, month: nm, day: day))
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: LocalDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// Midnight UTC at the start of this date: the `effective_at` of business events.
    public var startOfDayUTC: Date {
        Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch) * 86_400)
    }

    /// Whether the year is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// Number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        // Digits written out: `String(format:)` goes through Foundation's formatter, and dates are
        // rendered for every event, journal entry and schedule row.
        let (y, m, d) = components
        var text: [UInt8] = []
        text.reserveCapacity(11)
        if y < 0 { text.append(UInt8(ascii: "-")) }
        Self.appendDigits(abs(y), width: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        Self.appendDigits(m, width: 2, to: &text)
        text.append(UInt8(ascii: "-"))
        Self.appendDigits(d, width: 2, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// `value` in decimal, zero-padded to at least `width` digits.
    private static func appendDigits(_ value: Int, width: Int, to text: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        text += repeatElement(UInt8(ascii: "0"), count: max(0, width - digits.count))
        text += digits.reversed()
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
