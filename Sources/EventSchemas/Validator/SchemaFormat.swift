/// The `format` values the validator asserts. Unknown formats are annotations only.
enum SchemaFormat: String, Sendable, CaseIterable {
    case dateTime = "date-time"
    case date
    case time
    case duration
    case uuid
    case email
    case uri
    case uriReference = "uri-reference"
    case ipv4
    case ipv6
    case hostname
    case regex
    case jsonPointer = "json-pointer"

    /// Whether `string` is a valid instance of the format.
    ///
    /// - Parameter string: The string instance (other types are always valid).
    /// - Returns: `true` when valid.
    func accepts(_ string: String) -> Bool {
        switch self {
        case .dateTime: FormatChecks.isDateTime(string)
        case .date: FormatChecks.withBytes(string) { FormatChecks.isDate($0) }
        case .time: FormatChecks.withBytes(string) { FormatChecks.isTime($0) }
        case .duration: FormatChecks.isDuration(string)
        case .uuid: FormatChecks.isUUID(string)
        case .email: FormatChecks.isEmail(string)
        case .uri: FormatChecks.isURI(string, requireScheme: true)
        case .uriReference: FormatChecks.isURI(string, requireScheme: false)
        case .ipv4: FormatChecks.isIPv4(Substring(string))
        case .ipv6: FormatChecks.isIPv6(string)
        case .hostname: FormatChecks.isHostname(string)
        case .regex: (try? SchemaPattern(string)) != nil
        case .jsonPointer: string.isEmpty || (string.hasPrefix("/") && FormatChecks.hasValidTildes(string))
        }
    }

    /// Whether UTF-8 text is a valid instance, for the formats checked byte by byte.
    ///
    /// - Parameter bytes: The string's UTF-8 bytes.
    /// - Returns: `nil` for the formats that need a `String` (use ``accepts(_:)``).
    func accepts(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch self {
        case .dateTime: FormatChecks.isDateTime(bytes)
        case .date: FormatChecks.isDate(bytes)
        case .time: FormatChecks.isTime(bytes)
        case .uuid: FormatChecks.isUUID(bytes)
        default: nil
        }
    }
}

/// Hand-written format checks (RFC 3339, RFC 4122, RFC 5321 subset, RFC 3986, RFC 1123).
enum FormatChecks {
    /// RFC 3339 `date-time`: `2026-11-21T10:15:00Z`, `T`/`t` and `Z`/`z` in either case, offsets
    /// `±hh:mm`, optional fraction, leap second only at 23:59:60 UTC.
    static func isDateTime(_ string: String) -> Bool {
        withBytes(string) { isDateTime($0) }
    }

    /// RFC 3339 `date-time` over UTF-8 bytes.
    static func isDateTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return false }
        return isDate(UnsafeBufferPointer(rebasing: bytes[0..<10])) && isTime(UnsafeBufferPointer(rebasing: bytes[11...]))
    }

    /// Runs `body` over the string's UTF-8 bytes without copying native strings.
    static func withBytes(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var copy = string
        return copy.withUTF8(body)
    }

    /// RFC 3339 `full-date` with real month lengths and leap years.
    static func isDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let year = number(b[0..<4]), let month = number(b[5..<7]), let day = number(b[8..<10]),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// RFC 3339 `full-time`: `hh:mm:ss[.frac](Z|±hh:mm)`.
    static func isTime(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 9, b[2] == UInt8(ascii: ":"), b[5] == UInt8(ascii: ":"),
            let hour = number(b[0..<2]), let minute = number(b[3..<5]), let second = number(b[6..<8]),
            hour < 24, minute < 60, second < 61
        else { return false }
        var index = 8
        if b[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < b.count, isDigit(b[index]) { index += 1 }
            guard index > start else { return false }
        }
        guard index < b.count else { return false }
        var offsetMinutes = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == b.count else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard b.count - index == 6, b[index + 3] == UInt8(ascii: ":"),
                let offsetHour = number(b[(index + 1)..<(index + 3)]),
                let offsetMinute = number(b[(index + 4)..<(index + 6)]), offsetHour < 24, offsetMinute < 60
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (b[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        if second == 60 {
            // A leap second is 23:59:60 in UTC.
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    /// The decimal value of an all-digit slice.
    static func number(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var value = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Hex digits as a bit set over the 128 ASCII bytes (bits 48–57, 65–70, 97–102).
    @inline(__always)
    static func isHex(_ byte: UInt8) -> Bool {
        let low: UInt64 = 0x03FF_0000_0000_0000
        let high: UInt64 = 0x0000_007E_0000_007E
        return byte < 64 ? (low >> UInt64(byte)) & 1 == 1 : byte < 128 && (high >> UInt64(byte - 64)) & 1 == 1
    }

    /// RFC 4122 textual UUID: 8-4-4-4-12 hex digits, either case.
    static func isUUID(_ string: String) -> Bool {
        guard string.utf8.count == 36 else { return false }
        return withBytes(string) { isUUID($0) }
    }

    /// RFC 4122 textual UUID over UTF-8 bytes.
    static func isUUID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 36, bytes[8] == UInt8(ascii: "-"), bytes[13] == UInt8(ascii: "-"),
            bytes[18] == UInt8(ascii: "-"), bytes[23] == UInt8(ascii: "-")
        else { return false }
        // Every position but the four dashes must be a hex digit; no branches per byte.
        let digitPositions: UInt64 = 0xF_FF7B_DEFF & ~(1 << 8 | 1 << 13 | 1 << 18 | 1 << 23)
        var bad: UInt64 = 0
        for index in 0..<36 {
            bad |= (digitPositions >> UInt64(index)) & 1 & (isHex(bytes[index]) ? 0 : 1)
        }
        return bad == 0
    }

    /// ISO 8601 duration as RFC 3339 appendix A defines it: `P1Y2M`, `PT1H30M`, `P2W`.
    static func isDuration(_ string: String) -> Bool {
        var chars = Substring(string)
        guard chars.first == "P", chars.count > 1 else { return false }
        chars = chars.dropFirst()
        if chars.last == "W" {
            let digits = chars.dropLast()
            return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit)
        }
        let parts = chars.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        if parts.count == 2, parts[1].isEmpty { return false }
        return designators(parts[0], allowed: ["Y", "M", "D"]) && (parts.count == 1 || designators(parts[1], allowed: ["H", "M", "S"]))
            && !(parts[0].isEmpty && parts.count == 1)
    }

    /// Whether `part` is a sequence of `<digits><designator>` with designators in order, no gaps.
    private static func designators(_ part: Substring, allowed: [Character]) -> Bool {
        var position = 0
        var digits = 0
        var used: [Int] = []
        for character in part {
            if character.isASCIIDigit { digits += 1; continue }
            guard digits > 0, let index = allowed.firstIndex(of: character), index >= position else { return false }
            used.append(index)
            position = index + 1
            digits = 0
        }
        guard digits == 0 else { return false }
        // RFC 3339 allows only contiguous runs (e.g. not H and S without M).
        return zip(used, used.dropFirst()).allSatisfy { $1 == $0 + 1 }
    }

    /// A JSON pointer's `~` escapes are only `~0` and `~1`.
    static func hasValidTildes(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "~") {
            guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "0") || bytes[index + 1] == UInt8(ascii: "1")
            else { return false }
        }
        return true
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
