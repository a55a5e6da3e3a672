/// Reads the members of a JSON object's top level from its text without building a tree: each member's
/// name and, for plain strings and integers, its value; nested objects and arrays are skipped.
///
/// It is a reader for text that is then proven or parsed, not a validator: it stops (returns `false`) at
/// anything it does not read plainly (a name with escapes, a value that is not well nested, trailing
/// data) and never reads past the buffer. On text that ``JSONParser`` accepts, the values it reports are
/// the ones the parser would give those members.
public enum JSONTopLevel {
    /// A member's value as the reader sees it.
    public enum Value {
        /// A string without escapes: the bytes between its quotes.
        case string(UnsafeBufferPointer<UInt8>)
        /// An integer without fraction or exponent that fits 64 bits.
        case integer(Int64)
        /// Anything else (a string with escapes, another number, a literal, an object or an array).
        case other
    }

    /// Calls `visit` with each top-level member of the object in `text`, in text order.
    ///
    /// - Parameters:
    ///   - text: UTF-8 JSON text.
    ///   - visit: Receives each member's name (without quotes) and value.
    /// - Returns: Whether the whole text was read as one object; `false` stops early, after which the caller
    ///   should parse the text instead.
    public static func members(_ text: UnsafeBufferPointer<UInt8>, _ visit: (UnsafeBufferPointer<UInt8>, Value) -> Void) -> Bool {
        var reader = JSONParser(text)
        reader.skipWhitespace()
        guard reader.peek() == UInt8(ascii: "{") else { return false }
        reader.index += 1
        reader.skipWhitespace()
        if reader.peek() == UInt8(ascii: "}") {
            reader.index += 1
            return trailingSpaceOnly(&reader)
        }
        while true {
            guard let name = reader.plainString() else { return false }
            reader.skipWhitespace()
            guard reader.peek() == UInt8(ascii: ":") else { return false }
            reader.index += 1
            reader.skipWhitespace()
            guard let value = value(&reader) else { return false }
            visit(name, value)
            reader.skipWhitespace()
            switch reader.peek() {
            case UInt8(ascii: ","):
                reader.index += 1
                reader.skipWhitespace()
            case UInt8(ascii: "}"):
                reader.index += 1
                return trailingSpaceOnly(&reader)
            default:
                return false
            }
        }
    }

    private static func trailingSpaceOnly(_ reader: inout JSONParser) -> Bool {
        reader.skipWhitespace()
        return reader.index == reader.bytes.count
    }

    private static func value(_ reader: inout JSONParser) -> Value? {
        guard let first = reader.peek() else { return nil }
        switch first {
        case UInt8(ascii: "\""):
            if let text = reader.plainString() { return .string(text) }
            return skipString(&reader) ? .other : nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return skipNested(&reader) ? .other : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return number(&reader)
        default:
            // true, false, null: letters up to the next delimiter (the parser or the proof judges them).
            let start = reader.index
            while let byte = reader.peek(), byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { reader.index += 1 }
            return reader.index > start ? .other : nil
        }
    }

    /// An integer the way ``JSONParser`` keeps it exact (no fraction, no exponent, fits 64 bits); `.other`
    /// for any other number token.
    private static func number(_ reader: inout JSONParser) -> Value? {
        let bytes = reader.bytes
        let start = reader.index
        var index = start
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digits = index
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        guard index > digits else { return nil }
        let integerEnd = index
        // A fraction or an exponent: not an integer (the parser or the proof reads such numbers).
        while index < bytes.count, isNumberByte(bytes[index]) { index += 1 }
        reader.index = index
        // A leading zero followed by more digits is not JSON either; leave that to the parser.
        guard index == integerEnd, bytes[digits] != UInt8(ascii: "0") || integerEnd - digits == 1 else { return .other }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        return Int64(text).map(Value.integer) ?? .other
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
            UInt8(ascii: "+"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// Moves past a string token that may hold escapes.
    private static func skipString(_ reader: inout JSONParser) -> Bool {
        let bytes = reader.bytes
        var index = reader.index + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                reader.index = index + 1
                return true
            case UInt8(ascii: "\\"):
                index += 2
            default:
                index += 1
            }
        }
        return false
    }

    /// Moves past a nested object or array, counting brackets outside strings.
    private static func skipNested(_ reader: inout JSONParser) -> Bool {
        var depth = 0
        let bytes = reader.bytes
        while reader.index < bytes.count {
            switch bytes[reader.index] {
            case UInt8(ascii: "\""):
                guard skipString(&reader) else { return false }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    reader.index += 1
                    return true
                }
            default:
                break
            }
            reader.index += 1
        }
        return false
    }
}
