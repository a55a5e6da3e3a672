import ArgumentParser
import EventSchemas
import EventStore
import Foundation
import HTTPAPI
import Lending
import Logging
import PostgresNIO
import ServiceLifecycle

/// `loanstream bench commands`: repayments over HTTP against the real PostgreSQL, side by side
/// with pgbench running the same statements and rows per transaction in the same run.
struct BenchCommandsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commands",
        abstract: "Benchmark repayments over HTTP against pgbench doing the same rows per transaction.",
        discussion: """
            Creates a scratch database bench_<timestamp> on the stack's PostgreSQL (POSTGRES_* settings), \
            migrates it, serves the real HTTP application in-process on a loopback port (a generated HS256 \
            secret), creates active loans through the command service, then for each concurrency sends \
            repayments over HTTP (one keep-alive connection per request in flight, through a bare HTTP/1.1 \
            client so the load generator takes little of the machine; warm-up excluded) and runs pgbench with \
            a script that performs the statements and rows one repayment performs on its common path: the \
            look-up, then one self-committing write (measured from the first level). \
            The scratch database is dropped at the end, also on failure.
            """)

    @Option(parsing: .upToNextOption, help: "Concurrency levels (requests in flight; pgbench clients).")
    var concurrency: [Int] = [1, 8, 32]

    @Option(help: "Active loans the repayments are spread over.")
    var loans = 500

    @Option(help: "Longest measured phase per level, in seconds (pgbench runs as long as the HTTP phase took).")
    var seconds = 10

    @Option(help: "Most repayments per level in the measured phase.")
    var limit = 5_000

    @Option(help: "Rounds per level: the measured time and the repayments are split into this many HTTP phases, each followed by a pgbench run as long as it took, so both sides see the same background noise.")
    var rounds = 5

    @Option(help: "Warm-up per level, in seconds (not measured).")
    var warmupSeconds = 1

    @Option(help: "PostgreSQL connections of the server's pool (default: the highest concurrency).")
    var poolSize: Int?

    @Option(help: "The pgbench executable.")
    var pgbench = "pgbench"

    @Option(help: "The Schemas directory (default: Schemas/ in the repository).")
    var schemasDir: String?

    @Option(help: "Ratio of pgbench's tps each level should reach.")
    var target = 0.6

    @Flag(help: "Print the pgbench script.")
    var showScript = false

    func validate() throws {
        guard !concurrency.isEmpty, concurrency.allSatisfy({ $0 >= 1 && $0 <= 256 }) else {
            throw ArgumentParser.ValidationError("--concurrency must be 1 to 256")
        }
        guard loans >= 1, seconds >= 1, limit >= 1, rounds >= 1, warmupSeconds >= 0 else {
            throw ArgumentParser.ValidationError("--loans, --seconds, --limit and --rounds must be positive")
        }
    }

    func run() async throws {
        var logger = Logger(label: "loanstream.bench")
        logger.logLevel = .warning
        let environment = ProcessInfo.processInfo.environment
        let admin = try DatabaseSettings(environment: environment)
        let schemasPath = schemasDir ?? SchemasValidateCommand.defaultSchemasDirectory()
        let schemas = try SchemaRegistry.load(directory: URL(fileURLWithPath: schemasPath, isDirectory: true))
        let topics = try TopicCatalog.load(directory: URL(fileURLWithPath: schemasPath).deletingLastPathComponent()
            .appendingPathComponent("Topics", isDirectory: true))
        let rows = try await BenchDatabase.with(admin: admin, logger: logger) { database in
            try await CommandBenchmark(options: self, database: database, schemas: schemas, topics: topics, logger: logger).run()
        }
        print("")
        for line in ComparisonTable.render(rows, target: target) { print(line) }
        if rows.contains(where: { $0.ratio < target }) {
            print(String(format: "target: at least %.0f %% of pgbench's tps at every concurrency: not met", target * 100))
        } else {
            print(String(format: "target: at least %.0f %% of pgbench's tps at every concurrency: met", target * 100))
        }
    }
}
