import EventStore
import Foundation
import Kafka
import NIOCore
import LoanStreamTestSupport
@testable import Relay
import Testing

@Suite("Row checks and round plans (no servers)")
struct RowCheckTests {
    private func row(_ id: Int64, _ event: OutboxRecord) -> OutboxRow {
        OutboxRow(id: id, topic: event.topic, key: event.key, headers: event.headersJSON, payload: event.payload)
    }

    private func problem(_ check: RowCheck, _ row: OutboxRow) -> String? {
        if case .park(let problem) = check.verdict(on: row, topic: "t") { return problem }
        return nil
    }

    @Test("events are validated against their exact schema version; CDC rows only need to be JSON objects")
    func checks() throws {
        let check = RowCheck(schemas: try RelayTestSupport.schemas(), maxMessageBytes: 2_000)
        let event = OutboxRecord.repaymentReceived(loanID: UUID(), version: 1)
        guard case .publish(let message) = check.verdict(on: row(1, event), topic: "mapped") else {
            Issue.record("a valid event was refused: \(String(describing: problem(check, row(1, event))))")
            return
        }
        #expect(message.topic == "mapped" && message.key == Array(event.key.utf8) && message.value == Array(event.payload.utf8))
        #expect(message.headers.map(\.name) == event.headers.keys.sorted())
        #expect(message.headers.allSatisfy { $0.value == event.headers[$0.name].map { Array($0.utf8) } })

        var unknownVersion = event
        unknownVersion.headers["schema_version"] = "9"
        #expect(problem(check, row(2, unknownVersion))?.contains("v9") == true)

        var noVersion = event
        noVersion.headers["schema_version"] = nil
        #expect(problem(check, row(3, noVersion))?.contains("schema_version") == true)

        var extraField = event
        extraField.payload = String(event.payload.dropLast()) + #","surprise":true}"#
        #expect(problem(check, row(4, extraField))?.contains("repayment.received v1 fails its schema") == true)

        let image = OutboxRecord(topic: "cdc.loan_view", key: "k", headers: ["op": "upsert"], payload: #"{"a":1}"#)
        #expect(problem(check, row(5, image)) == nil)
        var notObject = image
        notObject.payload = #""just a string""#
        #expect(problem(check, row(6, notObject)) == "payload is not a JSON object")
        notObject.payload = "{not json"
        #expect(problem(check, row(7, notObject))?.hasPrefix("payload is not JSON") == true)
        #expect(problem(check, OutboxRow(id: 8, topic: "t", key: "k", headers: "[1]", payload: "{}")) == "headers are not a JSON object")
        // Rows are checked as the bytes PostgreSQL sent (a SQL_ASCII database passes any bytes through).
        var latin1 = Array(event.payload.utf8)
        latin1.insert(0xE9, at: latin1.count - 3)  // inside the last string
        #expect(problem(check, OutboxRow(id: 10, topic: "t", key: "k", headers: ByteBuffer(string: event.headersJSON),
                                         payload: ByteBuffer(bytes: latin1))) == "payload is not valid UTF-8")
        var huge = image
        huge.payload = #"{"pad":""# + String(repeating: "x", count: 3_000) + #""}"#
        #expect(problem(check, row(9, huge))?.contains("more than the 2000 bytes") == true)
    }

    @Test("a parked row holds back its key's later rows in the round; other keys are published in order")
    func roundPlanHoldsLaterRowsOfAParkedKey() {
        let a = OutboxRecord.repaymentReceived(loanID: UUID(), version: 1)
        let b = OutboxRecord.repaymentReceived(loanID: UUID(), version: 1)
        let rows = [row(1, a), row(2, b), row(3, a), row(4, b), row(5, a)]
        let ok = RowCheck.Verdict.publish(KafkaProducerMessage(topic: "t", key: "k", value: []))
        let plan = RoundPlan(rows: rows, verdicts: [ok, ok, .park("bad"), ok, ok])
        #expect(plan.publish == [1, 2, 4])
        #expect(plan.messages.count == 3)
        #expect(plan.park.map { $0.id } == [3])
        #expect(plan.held == 1)
        #expect(plan.parkedKeys == [a.key])

        // Read through a cursor opened before `a` was parked: `a`'s rows are held from the start.
        let later = RoundPlan(rows: [row(6, b), row(7, a), row(8, b)], verdicts: [ok, ok, ok], blocked: [a.key])
        #expect(later.publish == [6, 8] && later.held == 1 && later.park.isEmpty && later.parkedKeys.isEmpty)
    }

    @Test("headers: the write side's flat strings are read straight from the text; other JSON objects still work")
    func headers() throws {
        let flat = try #require(RowHeaders(#"{"version": "3", "event_type": "repayment.received", "schema_version": "1", "loan_id": "x"}"#))
        #expect(flat.kafka.map(\.name) == ["event_type", "loan_id", "schema_version", "version"])
        #expect(flat.kafka.first?.value == Array("repayment.received".utf8))
        #expect(flat.eventType == "repayment.received" && flat.schemaVersion == 1)
        let mixed = try #require(RowHeaders(#"{"schema_version": 2, "note": "a \"quoted\" word", "n": null}"#))
        #expect(mixed.schemaVersion == 2 && mixed.eventType == nil)
        #expect(mixed.kafka.map(\.name) == ["n", "note", "schema_version"])
        #expect(mixed.kafka.map { String(decoding: $0.value ?? [], as: UTF8.self) } == ["null", #"a "quoted" word"#, "2"])
        #expect(RowHeaders("[1]") == nil && RowHeaders(#"{"a": "b"} x"#) == nil && RowHeaders(#"{"a": "b",}"#) == nil)
        let repeated = try #require(RowHeaders(#"{"a": "1", "a": "2"}"#))  // as JSON: the last one wins
        #expect(repeated.kafka.count == 1 && repeated.kafka.first?.value == Array("2".utf8))
    }

    @Test("a valid event's payload is proven in one pass, without parsing it into a tree")
    func validEventsTakeTheOnePassCheck() throws {
        let schemas = try RelayTestSupport.schemas()
        let event = OutboxRecord.repaymentReceived(loanID: UUID(), version: 7)
        #expect(schemas.proves(event.payload, eventType: "repayment.received", exactVersion: 1))
        let extra = String(event.payload.dropLast()) + #","surprise":true}"#
        #expect(!schemas.proves(extra, eventType: "repayment.received", exactVersion: 1))
        #expect(!schemas.proves(event.payload, eventType: "repayment.received", exactVersion: 9))
    }

    @Test("parallel checking returns one verdict per row, in row order")
    func parallelChecksKeepOrder() async throws {
        let check = RowCheck(schemas: try RelayTestSupport.schemas(), maxMessageBytes: 1_000_000)
        let rows = (0..<2_000).map { index -> OutboxRow in
            var event = OutboxRecord.repaymentReceived(loanID: UUID(), version: 1)
            if index % 7 == 0 { event.payload = "[]" }
            return row(Int64(index), event)
        }
        let verdicts = await check.verdicts(on: rows, source: RelaySource(table: "outbox"))
        #expect(verdicts.count == rows.count)
        #expect(verdicts.indices.allSatisfy { index in
            if case .park = verdicts[index] { return index % 7 == 0 }
            return index % 7 != 0
        })
    }
}
