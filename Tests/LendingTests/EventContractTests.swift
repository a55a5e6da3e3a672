import EventSchemas
import Foundation
import Testing
@testable import Lending

/// The contract between the domain and `Schemas/`: every event the domain can emit, wrapped in the
/// envelope of docs/EVENTS.md, validates strictly (closed models, formats asserted) against its
/// schema. A domain change that a consumer's schema would refuse fails here, not in production.
@Suite("Domain events against Schemas/ (full validation)")
struct EventContractTests {
    static let registry: SchemaRegistry = try! SchemaRegistry.load(directory: EventSchemaTests.schemaRoot)

    /// The envelope the write side puts around `data` (docs/EVENTS.md), with fixed ids for readable failures.
    static func envelope(type: String, streamKey: String, version: Int, effectiveAt: Date, data: Data) throws -> JSONValue {
        let formatter = ISO8601DateFormatter()
        let head = """
            {"event_id":"6f1c2a3e-0000-4000-8000-\(String(format: "%012d", version))","event_type":"\(type)","schema_version":1,\
            "\(streamKey)":"3b0e8f4c-1d2a-4c5b-9e6f-7a8b9c0d1e2f","version":\(version),\
            "occurred_at":"2026-11-21T10:00:00Z","effective_at":"\(formatter.string(from: effectiveAt))",\
            "metadata":{"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","idempotency_key":"key-\(version)"},"data":
            """
        return try JSONValue(parsing: Array(head.utf8) + Array(data) + Array("}".utf8))
    }

    @Test("every loan event validates against Schemas/<type>/v1.json")
    func loanEvents() throws {
        let events = try EventCatalogue.everyLoanEvent()
        #expect(Set(events.map(\.type)).count >= 24, "the catalogue exercises every loan event type")
        for (index, event) in events.enumerated() {
            let json = try Self.envelope(type: event.type, streamKey: "loan_id", version: index + 1,
                                         effectiveAt: event.effectiveAt, data: event.encodedData())
            let errors = try Self.registry.validate(json, eventType: event.type, exactVersion: event.schemaVersion)
            #expect(errors.isEmpty, "\(event.type): \(errors.map(\.description).joined(separator: "; "))")
        }
    }

    @Test("every borrower event validates against its schema")
    func borrowerEvents() throws {
        for (index, event) in EventCatalogue.everyBorrowerEvent().enumerated() {
            let json = try Self.envelope(type: event.type, streamKey: "borrower_id", version: index + 1,
                                         effectiveAt: event.effectiveAt, data: event.encodedData())
            let errors = try Self.registry.validate(json, eventType: event.type, exactVersion: event.schemaVersion)
            #expect(errors.isEmpty, "\(event.type): \(errors.map(\.description).joined(separator: "; "))")
        }
    }

    @Test("a payload the domain would never emit is refused, naming the field")
    func contractBites() throws {
        let data = Data(#"{"amount":{"amount":1250,"currency":"INR"}}"#.utf8)
        let json = try Self.envelope(type: "repayment.received", streamKey: "loan_id", version: 1, effectiveAt: Date(), data: data)
        let errors = try Self.registry.validate(json, eventType: "repayment.received", exactVersion: 1)
        #expect(errors.contains { $0.instanceLocation.description.hasPrefix("/data") })
    }
}
