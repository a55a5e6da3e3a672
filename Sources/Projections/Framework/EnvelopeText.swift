import EventSchemas
import Foundation

/// Fast readers for the text fields of every event envelope: UUIDs and RFC 3339 timestamps.
///
/// Foundation's `UUID(uuidString:)` goes through `sscanf` and its ISO 8601 parser through a calendar;
/// the projector reads four UUIDs and two timestamps per event, which cost more than the rest of its
/// decoding. A timestamp in the form the write side produces reads to the same `Date` as Foundation's;
/// other spellings are handed to Foundation. A UUID must be exactly 36 characters (Foundation's `sscanf`
/// also takes a leading space or trailing characters, which the `uuid` format refuses anyway).
enum EnvelopeText {
    /// A textual UUID: 8-4-4-4-12 hex digits, either case.
    static func uuid(_ text: String) -> UUID? {
        var copy = text
        return copy.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var index = 0
            let parsed = withUnsafeMutableBytes(of: &value) { out -> Bool in
                for position in 0..<16 {
                    if index == 8 || index == 13 || index == 18 || index == 23 {
                        guard bytes[index] == UInt8(ascii: "-") else { return false }
                        index += 1
                    }
                    guard let high = ASCII.hexValue(bytes[index]), let low = ASCII.hexValue(bytes[index + 1]) else { return false }
                    out[position] = high << 4 | low
                    index += 2
                }
                return true
            }
            return parsed ? UUID(uuid: value) : nil
        }
    }

    /// An RFC 3339 date-time with or without fractional seconds. `YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM)` is
    /// read here, to the same microsecond as Foundation's ISO 8601 parser; other spellings go to that parser.
    static func date(_ text: String) -> Date? {
        var copy = text
        if let date = copy.withUTF8(parseDate) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }

    private static func parseDate(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
            let hour = digits(b, 11, 2), let minute = digits(b, 14, 2), let second = digits(b, 17, 2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if b[index] == UInt8(ascii: ".") {
            index += 1
            var numerator = 0, scale = 1
            while index < b.count, let digit = digit(b[index]) {
                if scale < 1_000_000_000 {
                    numerator = numerator * 10 + digit
                    scale *= 10
                }
                index += 1
            }
            guard scale > 1 else { return nil }
            fraction = Double(numerator) / Double(scale)
        }
        var offset = 0
        if index == b.count - 1, b[index] == UInt8(ascii: "Z") {
            offset = 0
        } else if index == b.count - 6, b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-"),
            b[index + 3] == UInt8(ascii: ":"), let hours = digits(b, index + 1, 2), let minutes = digits(b, index + 4, 2),
            hours < 24, minutes < 60
        {
            offset = (hours * 3_600 + minutes * 60) * (b[index] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        let seconds = daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second - offset
        // Whole seconds since 2001 are exact in a Double, so adding the fraction rounds once: the nearest Double to
        // the instant. Foundation's parser is an ulp away from it about once in 15,000 timestamps close to 2001
        // (where an ulp is under a nanosecond); both are the same microsecond, which is what PostgreSQL keeps.
        return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + fraction)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            guard let digit = digit(b[index]) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte &- UInt8(ascii: "0") < 10 ? Int(byte &- UInt8(ascii: "0")) : nil
    }
}
