/// Throughput and latency percentiles of one measured phase of a benchmark.
public struct LatencySummary: Sendable, Equatable {
    /// Completed operations in the phase.
    public var count: Int
    /// Operations per wall-clock second.
    public var rate: Double
    /// Median latency, in milliseconds.
    public var p50: Double
    /// 99th-percentile latency, in milliseconds.
    public var p99: Double
    /// Mean latency, in milliseconds.
    public var mean: Double

    /// Summarises latencies measured over `seconds` of wall-clock time.
    ///
    /// - Parameters:
    ///   - latencies: one latency per completed operation, in milliseconds, in any order.
    ///   - seconds: the phase's wall-clock duration.
    public init(latencies: [Double], seconds: Double) {
        let sorted = latencies.sorted()
        count = sorted.count
        rate = seconds > 0 ? Double(sorted.count) / seconds : 0
        p50 = Self.percentile(0.50, ofSorted: sorted)
        p99 = Self.percentile(0.99, ofSorted: sorted)
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    }

    /// The nearest-rank percentile: the smallest value with at least `fraction` of the values at or below it.
    ///
    /// - Parameters:
    ///   - fraction: 0 to 1 (0.99 for p99).
    ///   - sorted: values in ascending order.
    /// - Returns: the percentile, or 0 for no values.
    public static func percentile(_ fraction: Double, ofSorted sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
