import EventSchemas
import Foundation
import Lending
@testable import Projections
import Testing

/// ``StreamingJSONEncoder`` must write what `JSONEncoder` writes (as JSON, whatever the member order), so snapshots
/// read back with `JSONDecoder` are the values that were stored.
@Suite("Snapshots written in one pass")
struct SnapshotEncodingTests {
    static func foundation<T: Encodable>(_ value: T, snakeCase: Bool = false) throws -> JSONValue {
        let encoder = JSONEncoder()
        if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        return try JSONValue(parsing: String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    @Test("every snapshot of a book with fees, waivers, backdating, prepayment, write-off and recovery is JSONEncoder's JSON and decodes back to itself")
    func snapshotsOfARichBook() async throws {
        try await ReadModelHarness.run { h in
            _ = try await ServicingTests.everyMovementBook(h)
            _ = try await Book.open(h)
            try await h.projectAll(batchSize: 7)
            let rows = try await h.client.query("SELECT snapshot FROM loan_snapshot", logger: ReadModelHarness.logger)
            var checked = 0
            for try await text in rows.decode(String.self) {
                let snapshot = try LoanSnapshot.decode(text)
                let streamed = try #require(try StreamingJSONEncoder.onePass(snapshot), "a snapshot needs no fallback")
                #expect(try JSONValue(parsing: streamed) == (try Self.foundation(snapshot)))
                #expect(try LoanSnapshot.decode(streamed) == snapshot)
                checked += 1
            }
            #expect(checked == 5, "loans S, T, X, Y and the declined application Z")
        }
    }

    @Test("read-model rows (loan_view, statement lines, ledger balances, borrower facts) get JSONEncoder's snake_case JSON")
    func rowsOfARichBook() async throws {
        try await ReadModelHarness.run { h in
            let (s, t) = try await ServicingTests.everyMovementBook(h)
            let events = try await h.outboxEvents()
            var batch = LoanBatch()
            for loan in [s, t] {
                var snapshot = LoanSnapshot()
                _ = try batch.fold(events.filter { $0.streamID == loan }, into: &snapshot, loanID: loan)
                batch.touch(loan, snapshot: snapshot)
            }
            let views = batch.snapshots.map { LoanViewRow(loanID: $0.0, snapshot: $0.1) }
            let ledger = batch.snapshots.flatMap { LedgerBalanceRow.rows(loanID: $0.0, snapshot: $0.1) }
            var facts = BorrowerViewWriter.Facts(borrowerId: UUID(), version: 3)
            facts.fullName = "Meera \"Mee\" Iyer"
            facts.kycVerifiedOn = ReadModelHarness.date("2026-01-11")
            #expect(batch.lines.count > 10 && ledger.count > 4)
            #expect(try JSONValue(parsing: try #require(try StreamingJSONEncoder.onePass(views, snakeCaseKeys: true)))
                    == (try Self.foundation(views, snakeCase: true)))
            #expect(try JSONValue(parsing: try #require(try StreamingJSONEncoder.onePass(batch.lines, snakeCaseKeys: true)))
                    == (try Self.foundation(batch.lines, snakeCase: true)))
            #expect(try JSONValue(parsing: try #require(try StreamingJSONEncoder.onePass(ledger, snakeCaseKeys: true)))
                    == (try Self.foundation(ledger, snakeCase: true)))
            #expect(try JSONValue(parsing: try #require(try StreamingJSONEncoder.onePass([facts], snakeCaseKeys: true)))
                    == (try Self.foundation([facts], snakeCase: true)))
        }
    }

    struct Odd: Encodable {
        var text = "quote \" backslash \\ newline \n tab \t bell \u{07} é 日本"
        var negative: Int64 = -9_223_372_036_854_775_808
        var small: Int8 = -5
        var unsigned: UInt64 = 18_446_744_073_709_551_615
        var fraction = 0.1
        var whole = 3.0
        var tiny = 1e-7
        var optionals: [Int?] = [1, nil, 3]
        var missing: String?
        var nested: [[String: [Int]]] = [["a": [1, 2]], [:]]
        var empty: [String] = []
        var date = Date(timeIntervalSinceReferenceDate: 812_345_678.125)
        var decimal = Decimal(string: "1234.5678")!
        var data = Data([0, 1, 2, 255])
        var keyed: [Int: String] = [7: "seven"]
        var nothing = Nothing()
        struct Nothing: Encodable {}
    }

    @Test("strings, integers at their limits, fractions, nulls, nested and empty containers, dates, decimals and data")
    func edgeCases() throws {
        let value = Odd()
        let streamed = try #require(try StreamingJSONEncoder.onePass(value))
        #expect(try JSONValue(parsing: streamed) == (try Self.foundation(value)))
    }

    /// Writes its members through two containers alternately: no single pass can follow that.
    struct Interleaved: Encodable {
        enum Keys: String, CodingKey { case a, b, c }
        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Keys.self)
            var first = outer.nestedUnkeyedContainer(forKey: .a)
            var second = outer.nestedUnkeyedContainer(forKey: .b)
            try first.encode(1)
            try second.encode(2)
            try outer.encode("x", forKey: .c)
        }
    }

    struct WithSuper: Encodable {
        enum Keys: String, CodingKey { case own }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .own)
            try "parent".encode(to: container.superEncoder())
        }
    }

    @Test("a value that writes out of order, or through a superEncoder, is encoded by JSONEncoder instead")
    func fallsBackWhenOutOfOrder() throws {
        #expect(try StreamingJSONEncoder.onePass(Interleaved()) == nil)
        #expect(try StreamingJSONEncoder.onePass(WithSuper()) == nil)
        #expect(try JSONValue(parsing: StreamingJSONEncoder.encode(Interleaved())) == (try Self.foundation(Interleaved())))
        #expect(try JSONValue(parsing: StreamingJSONEncoder.encode(WithSuper())) == (try Self.foundation(WithSuper())))
    }

    @Test("a number JSON cannot hold is refused, as JSONEncoder refuses it")
    func nonFiniteIsRefused() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode([Double.nan]) }
    }
}
