import Foundation

/// One concurrency level of the command benchmark: LoanStream over HTTP beside pgbench.
public struct ComparisonRow: Sendable {
    /// Requests (or pgbench clients) in flight.
    public var concurrency: Int
    /// Repayments over HTTP.
    public var loanStream: LatencySummary
    /// Non-2xx answers and transport errors during the measured phase (not counted in the rate).
    public var failures: Int
    /// pgbench's own summary.
    public var pgbench: PgbenchReport
    /// Percentiles from pgbench's per-transaction log, when it was read.
    public var pgbenchLatencies: LatencySummary?

    public init(concurrency: Int, loanStream: LatencySummary, failures: Int, pgbench: PgbenchReport, pgbenchLatencies: LatencySummary?) {
        self.concurrency = concurrency
        self.loanStream = loanStream
        self.failures = failures
        self.pgbench = pgbench
        self.pgbenchLatencies = pgbenchLatencies
    }

    /// LoanStream's commands per second as a fraction of pgbench's transactions per second.
    public var ratio: Double { pgbench.tps > 0 ? loanStream.rate / pgbench.tps : 0 }
}

/// Renders the benchmark's result table.
public enum ComparisonTable {
    /// The table, one line per concurrency level, with a header.
    ///
    /// - Parameters:
    ///   - rows: the measured levels.
    ///   - target: the ratio each level should reach (0.6 for 60 %).
    /// - Returns: the lines, ready to print.
    public static func render(_ rows: [ComparisonRow], target: Double) -> [String] {
        let header = ["conc", "LoanStream cmd/s", "p50 ms", "p99 ms", "errors", "pgbench tps", "pgbench avg ms",
                      "pgbench p50/p99 ms", "ratio", "target"]
        let body = rows.map { row in
            [
                "\(row.concurrency)", fixed(row.loanStream.rate, 1), fixed(row.loanStream.p50, 2), fixed(row.loanStream.p99, 2),
                "\(row.failures)", fixed(row.pgbench.tps, 1), fixed(row.pgbench.latencyAverage, 2),
                row.pgbenchLatencies.map { fixed($0.p50, 2) + " / " + fixed($0.p99, 2) } ?? "n/a",
                fixed(row.ratio * 100, 1) + " %", row.ratio >= target ? "met" : "MISSED",
            ]
        }
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { String(repeating: " ", count: widths[$0.offset] - $0.element.count) + $0.element }
                .joined(separator: " | ")
        }
        return [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-")] + body.map(line)
    }

    private static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
