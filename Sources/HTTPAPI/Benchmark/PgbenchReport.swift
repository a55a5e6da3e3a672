import Foundation

/// What `pgbench` reports at the end of a run, and the per-transaction latencies of its `--log` files.
public struct PgbenchReport: Sendable, Equatable {
    /// Transactions per second, without the initial connection time.
    public var tps: Double
    /// `latency average`, in milliseconds.
    public var latencyAverage: Double
    /// `number of transactions actually processed`.
    public var transactions: Int
    /// `number of failed transactions` (0 when pgbench does not print the line).
    public var failed: Int

    /// Parses pgbench's summary from its standard output.
    ///
    /// - Parameter output: everything pgbench printed to standard output.
    /// - Returns: the report, or `nil` when the tps or latency line is missing (pgbench failed).
    public init?(output: String) {
        var tps: Double?
        var latency: Double?
        var transactions = 0
        var failed = 0
        for line in output.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("tps = "), tps == nil || line.contains("without initial connection") {
                tps = Self.firstNumber(in: line.dropFirst("tps = ".count))
            } else if line.hasPrefix("latency average = ") {
                latency = Self.firstNumber(in: line.dropFirst("latency average = ".count))
            } else if line.hasPrefix("number of transactions actually processed: ") {
                transactions = Int(Self.firstNumber(in: line.dropFirst("number of transactions actually processed: ".count)) ?? 0)
            } else if line.hasPrefix("number of failed transactions: ") {
                failed = Int(Self.firstNumber(in: line.dropFirst("number of failed transactions: ".count)) ?? 0)
            }
        }
        guard let tps, let latency else { return nil }
        self.tps = tps
        latencyAverage = latency
        self.transactions = transactions
        self.failed = failed
    }

    /// The report of several runs taken together: transactions summed, rates and latencies weighted by each
    /// run's transactions (so the combined tps is total transactions over total time).
    ///
    /// - Parameter reports: The runs; `nil` when there are none.
    public init?(combining reports: [PgbenchReport]) {
        guard !reports.isEmpty else { return nil }
        let transactions = reports.reduce(0) { $0 + $1.transactions }
        let seconds = reports.reduce(0.0) { $0 + ($1.tps > 0 ? Double($1.transactions) / $1.tps : 0) }
        let latencyTotal = reports.reduce(0.0) { $0 + $1.latencyAverage * Double($1.transactions) }
        tps = seconds > 0 ? Double(transactions) / seconds : 0
        latencyAverage = transactions > 0 ? latencyTotal / Double(transactions) : 0
        self.transactions = transactions
        failed = reports.reduce(0) { $0 + $1.failed }
    }

    /// Latencies, in milliseconds, from the lines of pgbench `--log` files
    /// (`client_id transaction_no time script_no time_epoch time_us`, `time` in microseconds).
    ///
    /// - Parameter log: the text of one or more log files.
    /// - Returns: one latency per logged transaction; malformed and skipped (`skipped`/`failed`) lines are left out.
    public static func latencies(fromLog log: String) -> [Double] {
        log.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count >= 3, let micros = Double(fields[2]) else { return nil }
            return micros / 1_000
        }
    }

    private static func firstNumber(in text: Substring) -> Double? {
        Double(text.prefix { $0.isNumber || $0 == "." })
    }
}
