import Crypto
import EventSchemas
import Foundation
import HTTPTypes
import Hummingbird
import Telemetry

/// The headers of a command request: `Idempotency-Key`, `If-Match` and `traceparent`.
struct CommandHeaders: Sendable {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
    static let traceparent = HTTPField.Name("traceparent")!

    /// The client's key: 1–255 visible ASCII characters.
    var idempotencyKey: String
    /// The stream version `If-Match: "<version>"` names, if any.
    var expectedVersion: Int?
    /// The W3C trace id of `traceparent`, or a fresh one.
    var traceID: String

    /// - Throws: ``Problem`` 400 `idempotency-key-missing` without a key, 400 `invalid-parameter`
    ///   for a malformed key or `If-Match`.
    init(_ headers: HTTPFields) throws(Problem) {
        guard let key = headers[CommandHeaders.idempotencyKey] else {
            throw Problem(type: .idempotencyKeyMissing, status: .badRequest,
                          detail: "Every POST needs an Idempotency-Key header (1 to 255 characters), unique per intended operation.")
        }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw Problem(type: .invalidParameter, status: .badRequest,
                          detail: "Idempotency-Key must be 1 to 255 visible ASCII characters.",
                          errors: [.init(pointer: "Idempotency-Key", detail: "1 to 255 visible ASCII characters")])
        }
        idempotencyKey = key
        if let ifMatch = headers[.ifMatch] {
            guard let version = CommandHeaders.version(fromETag: ifMatch) else {
                throw Problem(type: .invalidParameter, status: .badRequest,
                              detail: "If-Match must be one stream version as an entity tag, such as \"3\".",
                              errors: [.init(pointer: "If-Match", detail: "an entity tag such as \"3\"")])
            }
            expectedVersion = version
        }
        traceID = headers[CommandHeaders.traceparent].flatMap(CommandHeaders.traceID(fromTraceparent:))
            ?? CommandHeaders.randomTraceID()
    }

    /// `"3"` → 3 (a strong tag holding a non-negative integer); anything else → `nil`.
    static func version(fromETag tag: String) -> Int? {
        let trimmed = tag.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 3, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return nil }
        let digits = trimmed.dropFirst().dropLast()
        guard digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// The trace id of a W3C `traceparent`, when well formed (see Telemetry's `TraceContext`), so the
    /// stored event and its outbox message continue the caller's trace.
    static func traceID(fromTraceparent value: String) -> String? {
        (try? TraceContext(parsing: value))?.traceID
    }

    static func randomTraceID() -> String {
        TraceContext.random().traceID
    }

    /// SHA-256 (hex) of method, path and the canonical body (sorted keys, no insignificant space),
    /// so a retried request with reordered members still matches its key.
    static func requestHash(method: String, path: String, body: JSONValue, businessDate: String? = nil) -> String {
        var canonical = method + "\n" + path + "\n" + body.serialized(sortedKeys: true)
        // Only when given, so hashes stored before the header existed still match.
        if let businessDate { canonical += "\nBusiness-Date: " + businessDate }
        return Hex.lowercase(SHA256.hash(data: Array(canonical.utf8)))
    }
}
