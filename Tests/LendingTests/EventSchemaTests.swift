import Foundation
import Testing
@testable import Lending

/// Every event the domain emits matches its schema in `Schemas/<type>/v1.json` structurally:
/// the keys of `data` (and of every nested object and array item) are exactly the schema's
/// `properties`, with every `required` key present. Full validation runs in EventSchemas.
@Suite("Event schemas and coding")
struct EventSchemaTests {
    static let schemaRoot = ScheduleOracleTests.repositoryRoot.appendingPathComponent("Schemas")

    static func schema(_ type: String) throws -> [String: Any] {
        let data = try Data(contentsOf: schemaRoot.appendingPathComponent(type).appendingPathComponent("v1.json"))
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Follows a local `#/$defs/name` reference.
    static func resolve(_ node: [String: Any], root: [String: Any]) -> [String: Any] {
        guard let ref = node["$ref"] as? String, ref.hasPrefix("#/$defs/") else { return node }
        let defs = root["$defs"] as? [String: Any]
        return defs?[String(ref.dropFirst("#/$defs/".count))] as? [String: Any] ?? node
    }

    /// Structural problems of `value` against `node`, with JSON paths.
    static func mismatches(_ value: Any, _ node: [String: Any], root: [String: Any], path: String) -> [String] {
        let node = resolve(node, root: root)
        if let object = value as? [String: Any] {
            guard let properties = node["properties"] as? [String: Any] else {
                return ["\(path): object where the schema has no properties"]
            }
            var problems: [String] = []
            for key in Set(object.keys).subtracting(properties.keys) { problems.append("\(path).\(key): not in schema") }
            for key in (node["required"] as? [String] ?? []) where object[key] == nil { problems.append("\(path).\(key): missing") }
            for (key, child) in object {
                if let childNode = properties[key] as? [String: Any] {
                    problems += mismatches(child, childNode, root: root, path: "\(path).\(key)")
                }
            }
            return problems
        }
        if let array = value as? [Any], let items = node["items"] as? [String: Any] {
            return array.enumerated().flatMap { mismatches($0.element, items, root: root, path: "\(path)[\($0.offset)]") }
        }
        if value is NSNumber, resolve(node, root: root)["type"] as? String == "string" {
            return ["\(path): a number where the schema wants a string"]
        }
        return []
    }

    @Test("the catalogue covers every loan event type and every type has a schema")
    func catalogueIsComplete() throws {
        let emitted = Set(try EventCatalogue.everyLoanEvent().map(\.type))
        #expect(emitted == Set(LoanEvent.allTypes))
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.schemaRoot.path)
        #expect(Set(LoanEvent.allTypes + BorrowerEvent.allTypes).isSubset(of: Set(folders)))
    }

    @Test("every emitted event's data matches its schema's data properties")
    func dataMatchesSchemas() throws {
        var checked = 0
        let loanEvents = try EventCatalogue.everyLoanEvent().map { ($0.type, try $0.encodedData()) }
        let borrowerEvents = try EventCatalogue.everyBorrowerEvent().map { ($0.type, try $0.encodedData()) }
        for (type, data) in loanEvents + borrowerEvents {
            let schema = try Self.schema(type)
            let properties = try #require(schema["properties"] as? [String: Any])
            let dataNode = try #require(properties["data"] as? [String: Any])
            #expect(dataNode["additionalProperties"] as? Bool == false, "\(type): data must be closed")
            #expect((properties["event_type"] as? [String: Any])?["const"] as? String == type)
            let object = try JSONSerialization.jsonObject(with: data)
            let problems = Self.mismatches(object, dataNode, root: schema, path: "data")
            #expect(problems.isEmpty, "\(type): \(problems)")
            checked += 1
        }
        #expect(checked > 40)
    }

    @Test("events survive the trip to (type, JSON bytes) and back")
    func roundTrip() throws {
        for event in try EventCatalogue.everyLoanEvent() {
            let decoded = try LoanEvent.decode(type: event.type, data: try event.encodedData(), effectiveAt: event.effectiveAt)
            #expect(decoded == event)
        }
        for event in EventCatalogue.everyBorrowerEvent() {
            #expect(try BorrowerEvent.decode(type: event.type, data: try event.encodedData(), effectiveAt: event.effectiveAt) == event)
        }
        #expect(throws: LendingError.self) { try LoanEvent.decode(type: "loan.exploded", data: Data("{}".utf8), effectiveAt: Date()) }
        let closed = Data(#"{"closed_on":"2026-11-21","reason":"repaid"}"#.utf8)
        #expect(try LoanEvent.decode(type: "loan.closed", data: closed, effectiveAt: Date(timeIntervalSince1970: 1_795_219_200))
                    .effectiveDate == d("2026-11-21"))
        #expect(throws: LendingError.self) { try LoanEvent.decode(type: "loan.closed", data: closed, effectiveAt: Date(timeIntervalSince1970: 1e15)) }
        #expect(throws: LendingError.self) {
            try LoanEvent.decode(type: "loan.closed", data: Data(#"{"closed_on":"2026-11-21","reason":"paid"}"#.utf8),
                                 effectiveAt: Date())
        }
    }

    @Test func moneyIsADecimalStringOnTheWire() throws {
        let event = LoanEvent(.repaymentReceived(RepaymentReceived(paymentId: testID(1), amount: money("1.250", .KWD),
                                                                   receivedOn: d("2026-11-21"), channel: "branch")),
                              on: d("2026-11-21"))
        let text = String(decoding: try event.encodedData(), as: UTF8.self)
        #expect(text == #"{"amount":{"amount":"1.250","currency":"KWD"},"channel":"branch","payment_id":"00000000-0000-4000-8000-000000000001","received_on":"2026-11-21"}"#)
        #expect(event.effectiveAt == Date(timeIntervalSince1970: 1_795_219_200))
    }
}
