import Foundation

/// Encodes an `Encodable` value to JSON text in one pass, writing bytes as the value's `encode(to:)` runs.
///
/// Foundation's `JSONEncoder` first builds a tree of boxed values and then prints it; for a loan snapshot (a few
/// hundred values) that was three quarters of the read-model projector's CPU. The output is the JSON Foundation
/// would write with its default strategies (dates through `Date`'s own `Codable`, `Data` as base64, `Decimal` and
/// `URL` as Foundation writes them), members in the order they are encoded, so `JSONDecoder` reads it back into the
/// same value.
///
/// Containers are closed when the value that opened them has been encoded. A value that uses its encoder out of
/// that order (writes to a container after a sibling opened later, or asks for a `superEncoder`) is encoded again
/// with `JSONEncoder` instead: never a wrong document, at worst the slow one.
struct StreamingJSONEncoder {
    /// The JSON text of `value`.
    ///
    /// - Throws: `EncodingError.invalidValue` for a non-finite floating-point number, and what the value's
    ///   `encode(to:)` throws.
    ///
    /// - Parameter snakeCaseKeys: Member names as `JSONEncoder`'s `.convertToSnakeCase` writes them.
    static func encode<T: Encodable>(_ value: T, snakeCaseKeys: Bool = false) throws -> String {
        if let text = try onePass(value, snakeCaseKeys: snakeCaseKeys) { return text }
        let encoder = JSONEncoder()
        if snakeCaseKeys { encoder.keyEncodingStrategy = .convertToSnakeCase }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The JSON text of `value` written in one pass, or `nil` when its `encode(to:)` does not allow it.
    static func onePass<T: Encodable>(_ value: T, snakeCaseKeys: Bool = false) throws -> String? {
        let writer = JSONStreamWriter(snakeCaseKeys: snakeCaseKeys)
        try writer.encode(value)
        guard !writer.unsupported, writer.open.isEmpty else { return nil }
        return String(decoding: writer.out, as: UTF8.self)
    }
}

/// The bytes written so far and the containers still open, innermost last.
final class JSONStreamWriter {
    struct Open {
        var id: Int
        var object: Bool
        var empty = true
    }

    // Only this writer's own single-threaded pass touches these: unchecked, the runtime's exclusivity checks on
    // every byte appended were a fifth of the encoding time.
    @exclusivity(unchecked) var out: [UInt8] = []
    @exclusivity(unchecked) var open: [Open] = []
    /// Set when a value used its encoder in a way a single pass cannot follow.
    @exclusivity(unchecked) var unsupported = false
    @exclusivity(unchecked) private var lastID = 0

    /// Member names converted as `JSONEncoder`'s `.convertToSnakeCase` converts them.
    let snakeCaseKeys: Bool

    init(snakeCaseKeys: Bool = false) {
        self.snakeCaseKeys = snakeCaseKeys
        out.reserveCapacity(16 * 1024)
    }

    /// Opens an object or array where a value belongs and returns its identity and depth.
    func push(object: Bool) -> (id: Int, depth: Int) {
        lastID += 1
        open.append(Open(id: lastID, object: object))
        out.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        return (lastID, open.count - 1)
    }

    /// Closes every container deeper than `depth`.
    func close(above depth: Int) {
        while open.count > depth + 1 {
            out.append(open.removeLast().object ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    /// Makes container `id` at `depth` ready for its next element: closes deeper ones, writes the comma and the key.
    ///
    /// - Returns: `false` (and marks the document unsupported) when that container was closed already.
    func element(of id: Int, at depth: Int, key: String?) -> Bool {
        guard depth < open.count, open[depth].id == id else {
            unsupported = true
            return false
        }
        close(above: depth)
        if open[depth].empty { open[depth].empty = false } else { out.append(UInt8(ascii: ",")) }
        if let key {
            write(snakeCaseKeys ? SnakeCaseKeys.converted(key) : key)
            out.append(UInt8(ascii: ":"))
        }
        return true
    }

    /// Encodes a value where the current position expects one (after its key or comma).
    func encode<T: Encodable>(_ value: T) throws {
        // Type comparisons, not casts: the value's type is known, and a failed `as?` costs a conformance lookup.
        if T.self == String.self {
            write(unsafeBitCast(value, to: String.self))
        } else if T.self == Int.self {
            write(Int64(unsafeBitCast(value, to: Int.self)))
        } else if T.self == Int64.self {
            write(unsafeBitCast(value, to: Int64.self))
        } else if T.self == Bool.self {
            write(unsafeBitCast(value, to: Bool.self))
        } else if T.self == Double.self {
            try write(unsafeBitCast(value, to: Double.self))
        } else if T.self == Int32.self {
            write(Int64(unsafeBitCast(value, to: Int32.self)))
        } else if T.self == Decimal.self {
            out.append(contentsOf: (value as! Decimal).description.utf8)
        } else if T.self == Data.self {
            write((value as! Data).base64EncodedString())
        } else if T.self == URL.self {
            write((value as! URL).absoluteString)
        } else if Self.isOtherInteger(T.self), let integer = value as? any FixedWidthInteger {
            // Int8…UInt64 (their own encode(to:) would come back here through a single-value container).
            out.append(contentsOf: "\(integer)".utf8)
        } else if T.self == Float.self {
            try write(Double(unsafeBitCast(value, to: Float.self)))
        } else {
            let depth = open.count
            let start = out.count
            try value.encode(to: StreamEncoder(writer: self, depth: depth))
            close(above: depth - 1)
            // A value that asked for no container at all is an empty object, as JSONEncoder writes it.
            if out.count == start && !unsupported { out.append(contentsOf: "{}".utf8) }
        }
    }

    func writeNull() { out.append(contentsOf: "null".utf8) }

    func write(_ flag: Bool) { out.append(contentsOf: (flag ? "true" : "false").utf8) }

    func write(_ number: Int64) {
        if number < 0 {
            out.append(UInt8(ascii: "-"))
            writeDigits(number.magnitude)
        } else {
            writeDigits(UInt64(number))
        }
    }

    func writeDigits(_ value: UInt64) {
        var divisor: UInt64 = 1
        while value / divisor >= 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    func write(_ number: Double) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "\(number) is not a JSON number"))
        }
        if number.rounded() == number, abs(number) < 1e15 {
            write(Int64(number))
        } else {
            out.append(contentsOf: number.description.utf8)
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func isOtherInteger(_ type: Any.Type) -> Bool {
        type == Int8.self || type == Int16.self || type == UInt.self || type == UInt8.self || type == UInt16.self
            || type == UInt32.self || type == UInt64.self
    }

    /// A JSON string literal.
    func write(_ string: String) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            // Most strings (keys, ids, dates, codes) need no escape: copied whole.
            guard bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes { writeEscaped(byte) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private func writeEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
        case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
        case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
        case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
        case 0..<0x20:
            out.append(contentsOf: #"\u00"#.utf8)
            out.append(Self.hex[Int(byte >> 4)])
            out.append(Self.hex[Int(byte & 0xF)])
        default: out.append(byte)
        }
    }
}
