import Foundation

/// `loanstream bench snapshots`: how fast the read-model projector writes loan snapshots, against Foundation's
/// `JSONEncoder` (sorted keys, as snapshots were written before) on the same snapshots in the same run.
public enum SnapshotEncodingBenchmark {
    public struct Result: Sendable {
        public var snapshots: Int
        /// Bytes of JSON per pass (the streaming encoder's).
        public var bytes: Int
        public var foundation: Duration
        public var streaming: Duration
    }

    /// Decodes `snapshotTexts` (rows of `loan_snapshot`), then encodes all of them `rounds` times with each encoder.
    ///
    /// - Throws: When a text is not a snapshot, or an encoder fails.
    public static func run(snapshotTexts: [String], rounds: Int) throws -> Result {
        let snapshots = try snapshotTexts.map(LoanSnapshot.decode)
        let clock = ContinuousClock()
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys]
        var bytes = 0
        let foundationTime = try clock.measure {
            for _ in 0..<rounds { for snapshot in snapshots { bytes &+= try foundation.encode(snapshot).count } }
        }
        bytes = 0
        let streamingTime = try clock.measure {
            for _ in 0..<rounds { for snapshot in snapshots { bytes &+= try snapshot.encoded().utf8.count } }
        }
        return Result(snapshots: snapshots.count, bytes: bytes / max(rounds, 1), foundation: foundationTime, streaming: streamingTime)
    }
}
