import EventSchemas
import Foundation
import Kafka
import LoanStreamTestSupport
@testable import Projections
import Testing

/// The decoder reads most envelopes from their top-level text (no tree) once the payload is proven valid;
/// what it hands to projections must be exactly what the tree would have given.
@Suite("Envelopes decoded without a tree")
struct EnvelopeFieldsTests {
    static func decode(_ value: String, loan: UUID, version: Int, id: UUID, headerVersion: Int? = nil) throws -> DecodedMessage {
        let decoder = EventDecoder(schemas: try RepositoryContracts.schemas.get())
        let message = SyntheticEvents.message(topic: "t", loanID: loan, version: headerVersion ?? version, eventID: id, value: value)
        return decoder.decode(RawMessage(topic: "t", partition: 2, offset: 41, key: message.key, value: message.value, headers: message.headers))
    }

    static func fields(_ text: String) -> EnvelopeFields? {
        Array(text.utf8).withUnsafeBufferPointer(EnvelopeFields.init(utf8:))
    }

    @Test("an envelope read from its fields decodes to the same event as one that needs its tree")
    func sameEventEitherWay() throws {
        let (loan, id) = (UUID(), UUID())
        let plain = SyntheticEvents.repaymentReceived(loanID: loan, version: 3, eventID: id)
        // The same JSON value, with an escape in event_type: the fields are not read plainly, so the tree decides.
        let escaped = plain.replacingOccurrences(of: #""event_type":"repayment.received""#, with: #""event_type":"repayment\u002ereceived""#)
        #expect(Self.fields(plain) != nil)
        #expect(Self.fields(escaped) == nil)
        #expect(try JSONValue(parsing: plain) == JSONValue(parsing: escaped))

        let fast = try Self.decode(plain, loan: loan, version: 3, id: id).result.get()
        let tree = try Self.decode(escaped, loan: loan, version: 3, id: id).result.get()
        #expect(fast.streamID == loan && fast.version == 3 && fast.eventID == id && fast.eventType == "repayment.received")
        #expect(fast.streamID == tree.streamID && fast.version == tree.version && fast.eventID == tree.eventID)
        #expect(fast.eventType == tree.eventType && fast.schemaVersion == tree.schemaVersion && fast.schemaVersion == 1)
        #expect(fast.occurredAt == tree.occurredAt && fast.effectiveAt == tree.effectiveAt)
        #expect(fast.traceparent == tree.traceparent && fast.partition == 2 && fast.offset == 41)
        #expect(fast.envelope == tree.envelope, "the envelope read later is the tree of the payload")
        #expect(fast.envelope["data"]?["amount"]?["amount"]?.stringValue == "1250.00")
    }

    @Test("refusals are the same as the tree's: a header version that differs, a field given twice, no schema_version")
    func refusals() throws {
        let (loan, id) = (UUID(), UUID())
        let plain = SyntheticEvents.repaymentReceived(loanID: loan, version: 3, eventID: id)
        let differs = try Self.decode(plain, loan: loan, version: 3, id: id, headerVersion: 4)
        #expect(differs.rejection?.errorClass == EventRejection.invalidEnvelope)
        #expect(differs.rejection?.message == "header version 4 differs from the envelope's 3")
        #expect(differs.version == 3 && differs.streamID == loan, "identity comes from the envelope")

        // The tree keeps the last of repeated names; the fields reader must not pick the first.
        let twice = plain.replacingOccurrences(of: #""version":3,"#, with: #""version":2,"version":3,"#)
        #expect(Self.fields(twice) == nil)
        let decoded = try Self.decode(twice, loan: loan, version: 3, id: id)
        #expect(decoded.version == 3)

        let unversioned = plain.replacingOccurrences(of: #""schema_version":1,"#, with: "")
        let missing = try Self.decode(unversioned, loan: loan, version: 3, id: id)
        #expect(missing.rejection?.errorClass == EventRejection.schemaMismatch, "schema_version is required by the envelope schema")
    }
}
