import EventSchemas
import Foundation
import Hummingbird
import NIOCore

/// A request body read within a byte limit and parsed as JSON.
struct JSONBody: Sendable {
    /// The parsed document; an empty body reads as `{}` so commands without fields need no body.
    var value: JSONValue

    /// Reads and parses the body of `request`.
    ///
    /// The limit is enforced before reading: a `Content-Length` above it is refused at once, and
    /// a streamed body is read only up to the limit, so an oversized upload never sits in memory.
    ///
    /// - Parameters:
    ///   - request: the request; its body is consumed.
    ///   - limit: the largest body accepted, in bytes.
    /// - Throws: ``Problem`` — 413 over the limit, 415 for a non-JSON content type, 400 for malformed JSON.
    init(reading request: inout Request, limit: Int) async throws {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw Problem.bodyTooLarge(limit: limit)
        }
        if let type = request.headers[.contentType], !JSONBody.isJSON(type) {
            throw Problem(type: .unsupportedMediaType, status: .unsupportedMediaType,
                          detail: "Content-Type '\(type)' is not application/json.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem.bodyTooLarge(limit: limit)
        }
        let bytes = Array(buffer.readableBytesView)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            value = .object([:])
            return
        }
        do {
            value = try JSONValue(parsing: bytes)
        } catch let error as JSONParseError {
            throw Problem(type: .malformedJSON, status: .badRequest,
                          detail: "The body is not valid JSON: line \(error.line), column \(error.column): \(error.message).")
        } catch {
            throw Problem(type: .malformedJSON, status: .badRequest, detail: "The body is not valid JSON.")
        }
    }

    /// Whether a `Content-Type` names JSON (`application/json`, `application/*+json`, any parameters).
    static func isJSON(_ contentType: String) -> Bool {
        let media = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingSpaces().lowercased()
        } ?? ""
        return media == "application/json" || (media.hasPrefix("application/") && media.hasSuffix("+json"))
    }
}

extension JSONBody {
    /// Refuses a body holding U+0000 in any string or member name: PostgreSQL cannot store it in
    /// JSON text, so it would otherwise fail at commit as a server error.
    ///
    /// - Throws: ``Problem`` 422 `validation` at the first such string.
    func refuseNULCharacters() throws(Problem) {
        if let pointer = JSONBody.firstNUL(in: value, at: .root) {
            throw BodyFields.invalid(pointer, "must not contain the NUL character (U+0000)")
        }
    }

    private static func firstNUL(in value: JSONValue, at pointer: JSONPointer) -> JSONPointer? {
        switch value {
        case .string(let text):
            return text.unicodeScalars.contains("\u{0}") ? pointer : nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = firstNUL(in: item, at: pointer.appending(index)) { return found }
            }
            return nil
        case .object(let members):
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if key.unicodeScalars.contains("\u{0}") { return pointer.appending(key) }
                if let found = firstNUL(in: member, at: pointer.appending(key)) { return found }
            }
            return nil
        case .null, .bool, .number:
            return nil
        }
    }
}
