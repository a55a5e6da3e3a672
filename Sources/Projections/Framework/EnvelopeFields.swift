import EventSchemas

/// The envelope fields the decoder reads, taken from the top level of the JSON text without building its
/// tree (``JSONTopLevel``).
///
/// `nil` whenever the text may not read the way the tree would give it: not an object, a field given
/// twice, a string field with escapes or a non-string value, a version that is not a plain integer. The
/// decoder then parses the tree, so these are only a faster way to the same values.
struct EnvelopeFields {
    var eventType: String?
    var eventID: String?
    var loanID: String?
    var borrowerID: String?
    var version: Int64?
    var schemaVersion: Int64?
    var occurredAt: String?
    var effectiveAt: String?

    init?(utf8 text: UnsafeBufferPointer<UInt8>) {
        var fields = EnvelopeFields()
        var plain = true
        let read = JSONTopLevel.members(text) { name, value in
            guard plain else { return }
            switch (Self.field(name), value) {
            case (nil, _): return
            case (.eventType?, .string(let text)): plain = Self.set(&fields.eventType, text)
            case (.eventID?, .string(let text)): plain = Self.set(&fields.eventID, text)
            case (.loanID?, .string(let text)): plain = Self.set(&fields.loanID, text)
            case (.borrowerID?, .string(let text)): plain = Self.set(&fields.borrowerID, text)
            case (.occurredAt?, .string(let text)): plain = Self.set(&fields.occurredAt, text)
            case (.effectiveAt?, .string(let text)): plain = Self.set(&fields.effectiveAt, text)
            case (.version?, .integer(let number)): plain = Self.set(&fields.version, number)
            case (.schemaVersion?, .integer(let number)): plain = Self.set(&fields.schemaVersion, number)
            default: plain = false
            }
        }
        guard read, plain else { return nil }
        self = fields
    }

    private init() {}

    /// The stream id: `loan_id`, else `borrower_id` (as the tree reads it).
    var streamID: String? { loanID ?? borrowerID }

    private enum Field { case eventType, eventID, loanID, borrowerID, version, schemaVersion, occurredAt, effectiveAt }

    private static func field(_ name: UnsafeBufferPointer<UInt8>) -> Field? {
        switch name.count {
        case 7 where name.elementsEqual("loan_id".utf8): .loanID
        case 7 where name.elementsEqual("version".utf8): .version
        case 8 where name.elementsEqual("event_id".utf8): .eventID
        case 10 where name.elementsEqual("event_type".utf8): .eventType
        case 11 where name.elementsEqual("borrower_id".utf8): .borrowerID
        case 11 where name.elementsEqual("occurred_at".utf8): .occurredAt
        case 12 where name.elementsEqual("effective_at".utf8): .effectiveAt
        case 14 where name.elementsEqual("schema_version".utf8): .schemaVersion
        default: nil
        }
    }

    /// Sets a field seen for the first time; `false` when it repeats (the tree would keep the last one).
    private static func set(_ field: inout String?, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard field == nil else { return false }
        field = String(decoding: text, as: UTF8.self)
        return true
    }

    private static func set(_ field: inout Int64?, _ number: Int64) -> Bool {
        guard field == nil else { return false }
        field = number
        return true
    }
}
