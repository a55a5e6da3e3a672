import ArgumentParser
import EventStore
import Foundation
import Logging
import PostgresNIO
import Projections

/// `loanstream bench snapshots`: loan snapshots encoded per second by the projector's one-pass encoder, side by side
/// with Foundation's `JSONEncoder` on the same snapshots in the same run.
struct BenchSnapshotsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "Benchmark loan-snapshot encoding against Foundation's JSONEncoder.",
        discussion: """
            Reads up to --limit rows of loan_snapshot from the database in POSTGRES_* (after scripts/demo: \
            POSTGRES_DB=loanstream_demo), decodes them, and encodes all of them --rounds times with JSONEncoder \
            (sorted keys, as the projector wrote snapshots before) and with the projector's encoder.
            """)

    @Option(help: "Most snapshots to read.")
    var limit = 1_000

    @Option(help: "Passes over the snapshots per encoder.")
    var rounds = 20

    func validate() throws {
        guard limit > 0, rounds > 0 else { throw ValidationError("--limit and --rounds must be positive") }
    }

    func run() async throws {
        let logger = { () -> Logger in
            var logger = Logger(label: "loanstream.bench.snapshots")
            logger.logLevel = .warning
            return logger
        }()
        let database = try DatabaseSettings(environment: ProcessInfo.processInfo.environment)
        let texts = try await PostgresClient.withClient(database, logger: logger) { client in
            let rows = try await client.query("SELECT snapshot::text FROM loan_snapshot ORDER BY loan_id LIMIT \(limit)", logger: logger)
            var texts: [String] = []
            for try await text in rows.decode(String.self) { texts.append(text) }
            return texts
        }
        guard !texts.isEmpty else {
            throw ValidationError("loan_snapshot in \(database.database) is empty: run scripts/demo (POSTGRES_DB=loanstream_demo) first")
        }
        let result = try SnapshotEncodingBenchmark.run(snapshotTexts: texts, rounds: rounds)
        let count = Double(result.snapshots * rounds)
        let rate = { (time: Duration) in count / (Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18) }
        print("snapshots: \(result.snapshots) from \(database.database), \(result.bytes / result.snapshots) bytes of JSON each, \(rounds) rounds")
        print(String(format: "JSONEncoder (sorted keys): %.0f snapshots/s", rate(result.foundation)))
        print(String(format: "one-pass encoder:          %.0f snapshots/s", rate(result.streaming)))
        print(String(format: "ratio: %.2fx JSONEncoder", rate(result.streaming) / rate(result.foundation)))
    }
}
