import Foundation

/// Day-count conventions that turn a span of dates into a fraction of a year.
public enum DayCount: String, Sendable, Codable, CaseIterable {
    /// Actual days ÷ 365, leap years included (ACT/365 Fixed).
    case act365f
    /// Actual days ÷ 360 (money-market).
    case act360
    /// 30/360 US (bond basis): every month counts 30 days.
    case thirty360 = "30_360"

    /// Days between two dates under this convention.
    ///
    /// - Parameters:
    ///   - start: The first date (inclusive).
    ///   - end: The last date (exclusive).
    /// - Returns: The day count (30/360 can differ from the calendar count).
    public func days(from start: LocalDate, to end: LocalDate) -> Int {
        switch self {
        case .act365f, .act360:
            return start.days(until: end)
        case .thirty360:
            let (y1, m1, d1Raw) = start.components
            let (y2, m2, d2Raw) = end.components
            // 30/360 bond basis (ISDA 2006 4.16(f)): D1 31 → 30; D2 31 → 30 when D1 ≥ 30.
            let d1 = min(d1Raw, 30)
            let d2 = (d2Raw == 31 && d1 >= 30) ? 30 : d2Raw
            return 360 * (y2 - y1) + 30 * (m2 - m1) + (d2 - d1)
        }
    }

    /// Days in the year the convention divides by.
    public var yearDays: Int {
        switch self {
        case .act365f: 365
        case .act360, .thirty360: 360
        }
    }

    /// The exact year fraction between two dates.
    ///
    /// - Parameters:
    ///   - start: The first date (inclusive).
    ///   - end: The last date (exclusive).
    /// - Returns: days ÷ year days, as an exact decimal.
    public func yearFraction(from start: LocalDate, to end: LocalDate) -> Decimal {
        Decimal(days(from: start, to: end)) / Decimal(yearDays)
    }
}
