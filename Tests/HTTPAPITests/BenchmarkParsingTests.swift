import HTTPAPI
import Testing

/// The pure parts of `loanstream bench commands`: pgbench's output, percentiles, the baseline script.
@Suite struct BenchmarkParsingTests {
    static let pgbenchOutput = """
        transaction type: /tmp/repayment.sql
        scaling factor: 1
        query mode: simple
        number of clients: 8
        number of threads: 2
        maximum number of tries: 1
        duration: 10 s
        number of transactions actually processed: 15234
        number of failed transactions: 0 (0.000%)
        latency average = 5.251 ms
        initial connection time = 12.345 ms
        tps = 1523.400000 (without initial connection time)
        """

    @Test func parsesThePgbenchSummary() throws {
        let report = try #require(PgbenchReport(output: Self.pgbenchOutput))
        #expect(report.tps == 1523.4)
        #expect(report.latencyAverage == 5.251)
        #expect(report.transactions == 15234)
        #expect(report.failed == 0)
    }

    @Test func aRunWithoutASummaryIsNotAReport() {
        #expect(PgbenchReport(output: "pgbench: error: connection to server failed") == nil)
    }

    @Test func readsLatenciesFromThePerTransactionLog() {
        let log = "0 0 1520 0 1732234567 123456\n0 1 980 0 1732234567 124500\n1 0 skipped 0 1732234567 1\n"
        #expect(PgbenchReport.latencies(fromLog: log) == [1.52, 0.98])
    }

    @Test func nearestRankPercentiles() {
        let values = (1...100).map(Double.init)
        #expect(LatencySummary.percentile(0.50, ofSorted: values) == 50)
        #expect(LatencySummary.percentile(0.99, ofSorted: values) == 99)
        #expect(LatencySummary.percentile(1.0, ofSorted: values) == 100)
        #expect(LatencySummary.percentile(0.99, ofSorted: [7]) == 7)
        #expect(LatencySummary.percentile(0.5, ofSorted: []) == 0)
    }

    @Test func summaryRateIsCountPerSecond() {
        let summary = LatencySummary(latencies: [4, 1, 3, 2], seconds: 2)
        #expect(summary.count == 4)
        #expect(summary.rate == 2)
        #expect(summary.p50 == 2)
        #expect(summary.p99 == 4)
        #expect(summary.mean == 2.5)
    }

    @Test func theScriptWritesTheMeasuredRowsInOneTransaction() throws {
        let profile = RowProfile(commands: 10,
                                 totals: ["loan_event": 10, "journal_entry": 10, "journal_line": 30, "outbox": 10, "idempotency_key": 10],
                                 sizes: ["loan_event.payload": 600, "outbox.payload": 700, "outbox.headers": 200,
                                         "idempotency_key.response_body": 180])
        #expect(profile.events == 1 && profile.journalEntries == 1 && profile.linesPerEntry == 3)
        let script = PgbenchScript.render(profile, loans: 500)
        let lines = script.split(separator: "\n")
        #expect(lines.first == "\\set n random(1, 500)")
        // Like the common path of a command: two statements, each its own transaction.
        #expect(!lines.contains("BEGIN;") && !lines.contains("COMMIT;"))
        #expect(lines.filter { $0.hasSuffix(";") }.count == 2)
        // The writes are one statement, as the command service sends them: four CTEs and the idempotency row.
        let write = try #require(lines.first { $0.hasPrefix("WITH w0 AS (INSERT") })
        for table in ["loan_event", "journal_entry", "journal_line", "outbox"] {
            #expect(write.contains("AS (INSERT INTO \(table) "), "\(table)")
        }
        #expect(write.contains(") INSERT INTO idempotency_key "))
        #expect(lines.filter { $0.hasPrefix("WITH w") }.count == 1)
        // The idempotency row is inserted without a conflict clause: a taken key fails the statement.
        #expect(!write.contains("ON CONFLICT"))
        // The key's look-up and the stream's load are one statement, read first.
        #expect(lines.contains { $0.hasPrefix("WITH k AS (SELECT request_hash") && $0.contains("FROM loan_event") })
        // Three lines that balance: two of +10000, one of -20000.
        #expect(script.contains("CASE WHEN l = 3 THEN -20000 ELSE 10000 END"))
    }
}
