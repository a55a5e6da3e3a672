import Foundation
import LoanStreamTestSupport
@testable import Relay
import Testing

@Suite("Row checks and round plans (no servers)")
struct RowCheckTests {
    private func row(_ id: Int64, _ event: SampleEvent, headersAreObject: Bool = true) -> OutboxRow {
        OutboxRow(id: id, topic: event.topic, key: event.key, headers: event.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                  payload: event.payload, headersAreObject: headersAreObject)
    }

    @Test("events are validated against their exact schema version; CDC rows only need to be JSON objects")
    func checks() throws {
        let check = RowCheck(schemas: try RelayTestSupport.schemas(), maxMessageBytes: 2_000)
        let event = SampleEvent.repaymentReceived(loanID: UUID(), version: 1)
        #expect(check.problem(with: row(1, event)) == nil)

        var unknownVersion = event
        unknownVersion.headers["schema_version"] = "9"
        #expect(check.problem(with: row(2, unknownVersion))?.contains("v9") == true)

        var noVersion = event
        noVersion.headers["schema_version"] = nil
        #expect(check.problem(with: row(3, noVersion))?.contains("schema_version") == true)

        var extraField = event
        extraField.payload = String(event.payload.dropLast()) + #","surprise":true}"#
        #expect(check.problem(with: row(4, extraField))?.contains("repayment.received v1 fails its schema") == true)

        let image = SampleEvent(topic: "cdc.loan_view", key: "k", headers: ["op": "upsert"], payload: #"{"a":1}"#)
        #expect(check.problem(with: row(5, image)) == nil)
        var notObject = image
        notObject.payload = #""just a string""#
        #expect(check.problem(with: row(6, notObject)) == "payload is not a JSON object")
        notObject.payload = "{not json"
        #expect(check.problem(with: row(7, notObject))?.hasPrefix("payload is not JSON") == true)
        #expect(check.problem(with: row(8, image, headersAreObject: false)) == "headers are not a JSON object")
        var huge = image
        huge.payload = #"{"pad":""# + String(repeating: "x", count: 3_000) + #""}"#
        #expect(check.problem(with: row(9, huge))?.contains("more than the 2000 bytes") == true)
    }

    @Test("a parked row holds back its key's later rows in the round; other keys are published in order")
    func roundPlanHoldsLaterRowsOfAParkedKey() {
        let a = SampleEvent.repaymentReceived(loanID: UUID(), version: 1)
        let b = SampleEvent.repaymentReceived(loanID: UUID(), version: 1)
        let rows = [row(1, a), row(2, b), row(3, a), row(4, b), row(5, a)]
        let plan = RoundPlan(rows: rows, problems: [nil, nil, "bad", nil, nil])
        #expect(plan.publish.map(\.id) == [1, 2, 4])
        #expect(plan.park.map(\.id) == [3])
        #expect(plan.held == 1)
    }

    @Test("parallel checking returns one verdict per row, in row order")
    func parallelChecksKeepOrder() async throws {
        let check = RowCheck(schemas: try RelayTestSupport.schemas(), maxMessageBytes: 1_000_000)
        let rows = (0..<2_000).map { index -> OutboxRow in
            var event = SampleEvent.repaymentReceived(loanID: UUID(), version: 1)
            if index % 7 == 0 { event.payload = "[]" }
            return row(Int64(index), event)
        }
        let problems = await check.problems(with: rows)
        #expect(problems.count == rows.count)
        #expect(problems.indices.allSatisfy { (problems[$0] != nil) == ($0 % 7 == 0) })
    }
}
