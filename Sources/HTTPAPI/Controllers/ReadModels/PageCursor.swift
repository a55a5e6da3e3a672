import EventSchemas
import Foundation

/// An opaque pagination cursor: the sort key of the last item of a page, as base64url JSON.
///
/// Pages are keyset pages (`WHERE key > cursor ORDER BY key`), so rows inserted while a client
/// pages never shift, repeat or hide the rows it has not seen yet.
struct PageCursor: Sendable, Equatable {
    var key: [String: JSONValue]

    init(_ key: [String: JSONValue]) { self.key = key }

    /// Decodes a cursor the API handed out.
    ///
    /// - Throws: ``Problem`` 400 for anything else.
    init(decoding text: String) throws(Problem) {
        guard let bytes = Base64URL.decode(Substring(text)), let value = try? JSONValue(parsing: bytes),
              let object = value.objectValue else {
            throw Problem(type: .invalidParameter, status: .badRequest,
                          detail: "cursor is not a cursor this API returned; pass next_cursor unchanged.",
                          errors: [.init(pointer: "cursor", detail: "an opaque cursor from next_cursor")])
        }
        key = object
    }

    var encoded: String { Base64URL.encode(Array(JSONValue.object(key).serialized(sortedKeys: true).utf8)) }

    /// A string member of the key.
    ///
    /// - Throws: ``Problem`` 400 when the cursor lacks it.
    func string(_ name: String) throws(Problem) -> String {
        guard let value = key[name]?.stringValue else { throw PageCursor.invalid }
        return value
    }

    /// An integer member of the key.
    func integer(_ name: String) throws(Problem) -> Int64 {
        guard let value = key[name]?.numberValue?.int64 else { throw PageCursor.invalid }
        return value
    }

    static let invalid = Problem(type: .invalidParameter, status: .badRequest,
                                 detail: "cursor does not belong to this list; pass next_cursor unchanged.",
                                 errors: [.init(pointer: "cursor", detail: "an opaque cursor from next_cursor of this list")])
}
