import ArgumentParser
import AsyncHTTPClient
import EventSchemas
import EventStore
import Foundation
import HTTPAPI
import Lending
import Logging
import NIOPosix
import PostgresNIO

/// `loanstream bench e2e`: how long a 2xx command takes to become visible in `loan_view`, at a
/// fixed offered rate, against a running platform (`loanstream all`: API, relay, projectors).
struct BenchE2ECommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "e2e",
        abstract: "End-to-end latency from a command's 2xx to its version in loan_view, at a fixed rate.",
        discussion: """
            Needs a running platform (`loanstream all`, e.g. started by scripts/demo) and its database \
            (POSTGRES_* settings; scripts/demo uses POSTGRES_DB=loanstream_demo). Creates active loans \
            through the command service, waits until the projectors show them, then sends repayments \
            over HTTP at --rate per second (open loop: a slow answer does not slow the offered rate) \
            and polls loan_view every millisecond or two for each accepted version. Reports the rate \
            achieved, the command latency (send to 2xx) and the visibility latency (2xx to loan_view).
            """)

    @Option(help: "The running API.")
    var api = "http://127.0.0.1:8080"

    @Option(help: "Repayments offered per second.")
    var rate = 500

    @Option(help: "Measured seconds.")
    var seconds = 20

    @Option(help: "Active loans the repayments are spread over.")
    var loans = 400

    @Option(help: "Target p99 of the visibility latency, in milliseconds.")
    var targetP99 = 100.0

    func validate() throws {
        guard (1...20_000).contains(rate), (1...600).contains(seconds), loans >= 1 else {
            throw ValidationError("--rate 1…20000, --seconds 1…600 and --loans ≥ 1")
        }
    }

    func run() async throws {
        let logger = { () -> Logger in
            var logger = Logger(label: "loanstream.bench.e2e")
            logger.logLevel = .warning
            return logger
        }()
        let environment = ProcessInfo.processInfo.environment
        let database = try DatabaseSettings(environment: environment)
        let token = try DevelopmentToken.fromEnvironment(subject: "bench-e2e", scopes: ["repayments:write"], lifetime: 86_400)
        let schemasPath = SchemasValidateCommand.defaultSchemasDirectory()
        let schemas = try SchemaRegistry.load(directory: URL(fileURLWithPath: schemasPath, isDirectory: true))
        let topics = try TopicCatalog.load(directory: URL(fileURLWithPath: schemasPath).deletingLastPathComponent()
            .appendingPathComponent("Topics", isDirectory: true))
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 256
        let http = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        let outcome: Result<E2EReport, any Error>
        do {
            outcome = .success(try await PostgresClient.withClient(database, logger: logger) { client in
                let store = EventStore(client: client, logger: logger)
                let commands = CommandService(store: store, schemas: schemas, topics: topics, logger: logger)
                let today = LocalDate.todayUTC()
                let ids = try await BenchmarkLoans.create(count: loans, concurrency: 8, service: commands, today: today)
                let probe = VisibilityProbe(client: client, logger: logger)
                print("e2e: \(ids.count) active loans created; waiting for loan_view to show them")
                try await probe.waitUntilVisible(ids, timeout: .seconds(120))
                let load = PacedRepayments(client: http, baseURL: api, token: token, loans: ids, effectiveDate: today.description)
                print("e2e: offering \(rate) repayments/s for \(seconds) s")
                return try await E2ERun(load: load, probe: probe, rate: rate, seconds: seconds).measure()
            })
        } catch {
            outcome = .failure(error)
        }
        try await http.shutdown()
        let report = try outcome.get()
        for line in report.lines(targetP99: targetP99) { print(line) }
    }
}
