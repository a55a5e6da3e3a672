/// A W3C Trace Context (`traceparent`): version 00, a 16-byte trace id, an 8-byte parent span id and flags.
///
/// Parsing follows the W3C rules: lower-case hex only, neither id all zeros, version `ff` refused; a
/// future version is accepted if its first four fields are well formed.
public struct TraceContext: Sendable, Hashable, CustomStringConvertible {
    /// 32 lower-case hex characters, not all zero.
    public var traceID: String
    /// 16 lower-case hex characters, not all zero.
    public var spanID: String
    /// The trace flags byte (bit 0: sampled).
    public var flags: UInt8

    /// Whether the caller sampled this trace.
    public var sampled: Bool { flags & 1 == 1 }

    /// Creates a context from ids already known to be valid.
    ///
    /// - Throws: ``TelemetryError`` with code `malformedTraceparent` if an id is malformed.
    public init(traceID: String, spanID: String, flags: UInt8 = 1) throws(TelemetryError) {
        guard Self.isID(traceID, length: 32) else { throw TelemetryError(.malformedTraceparent, "trace id \"\(traceID)\"") }
        guard Self.isID(spanID, length: 16) else { throw TelemetryError(.malformedTraceparent, "span id \"\(spanID)\"") }
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
    }

    /// Parses a `traceparent` header value.
    ///
    /// - Parameter traceparent: e.g. `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01`.
    /// - Throws: ``TelemetryError`` with code `malformedTraceparent` for anything the W3C spec refuses.
    public init(parsing traceparent: String) throws(TelemetryError) {
        let value = traceparent.trimmingWhitespace()
        let parts = value.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4, Self.isHex(parts[0], length: 2), parts[0] != "ff",
              parts[0] != "00" || parts.count == 4, Self.isHex(parts[3], length: 2), let flags = UInt8(parts[3], radix: 16)
        else { throw TelemetryError(.malformedTraceparent, "\"\(traceparent)\" is not version-traceid-spanid-flags") }
        try self.init(traceID: parts[1], spanID: parts[2], flags: flags)
    }

    /// A fresh root context (random ids, sampled).
    public static func random() -> TraceContext {
        // Random ids are valid unless all zero, which the loop excludes.
        while true {
            if let context = try? TraceContext(traceID: randomHex(bytes: 16), spanID: randomHex(bytes: 8)) { return context }
        }
    }

    /// A child context: same trace and flags, a new span id.
    public func child() -> TraceContext {
        var child = self
        repeat { child.spanID = Self.randomHex(bytes: 8) } while !Self.isID(child.spanID, length: 16)
        return child
    }

    /// The `traceparent` header value (version 00).
    public var traceparent: String {
        let hexFlags = String(flags, radix: 16)
        return "00-\(traceID)-\(spanID)-\(hexFlags.count == 1 ? "0" + hexFlags : hexFlags)"
    }

    public var description: String { traceparent }

    static func randomHex(bytes: Int) -> String {
        // One generator call per 8 bytes (each call may be a system call), formatted without intermediate strings.
        var generator = SystemRandomNumberGenerator()
        var hex: [UInt8] = []
        hex.reserveCapacity(bytes * 2)
        var word: UInt64 = 0
        for index in 0..<bytes {
            if index % 8 == 0 { word = generator.next() }
            let byte = UInt8(truncatingIfNeeded: word >> (UInt64(index % 8) * 8))
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func isHex(_ text: String, length: Int) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func isID(_ text: String, length: Int) -> Bool {
        isHex(text, length: length) && text.utf8.contains { $0 != 0x30 }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
