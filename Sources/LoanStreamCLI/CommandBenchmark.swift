import EventSchemas
import EventStore
import Foundation
import HTTPAPI
import Lending
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import ServiceLifecycle

/// One run of `loanstream bench commands` on its scratch database: the in-process server, the
/// loans, then each concurrency level (HTTP phase, then pgbench).
struct CommandBenchmark {
    let options: BenchCommandsCommand
    let database: BenchDatabase
    let schemas: SchemaRegistry
    let topics: TopicCatalog
    let logger: Logger

    /// Serves the application, measures every level and shuts the server down.
    ///
    /// - Returns: one row per concurrency level.
    func run() async throws -> [ComparisonRow] {
        var configuration = database.scoped.clientConfiguration
        configuration.options.maximumConnections = options.poolSize ?? options.concurrency.max() ?? 32
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let store = EventStore(client: client, logger: logger)
        let commands = CommandService(store: store, schemas: schemas, topics: topics, logger: logger)
        let secret = (0..<32).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.joined()
        var auth = AuthSettings()
        auth.hs256Secret = Array(secret.utf8)
        var http = HTTPSettings()
        http.port = try await Self.freePort()
        let app = try buildApplication(APIDependencies(store: store, commands: commands, tokens: try TokenVerifier(settings: auth),
                                                       document: try OpenAPIDocument.bundled(), logger: logger), settings: http)
        let services = ServiceGroup(configuration: .init(services: [.init(service: client), .init(service: app)],
                                                         gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: [ComparisonRow]?.self) { group in
            group.addTask {
                try await services.run()
                return nil
            }
            do {
                let token = DevelopmentToken.sign(secret: Array(secret.utf8), subject: "bench", scopes: ["repayments:write"],
                                                  lifetime: 86_400)
                let rows = try await levels(commands: commands, client: client, port: http.port, token: token,
                                            pool: configuration.options.maximumConnections)
                await services.triggerGracefulShutdown()
                for try await _ in group {}
                return rows
            } catch {
                await services.triggerGracefulShutdown()
                group.cancelAll()
                throw error
            }
        }
    }

    private func levels(commands: CommandService, client: PostgresClient, port: Int, token: String, pool: Int) async throws
        -> [ComparisonRow] {
        try await waitUntilServing(port: port)
        let today = LocalDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
        let setupStart = ContinuousClock.now
        let loanIDs = try await BenchmarkLoans.create(count: options.loans, concurrency: 8, service: commands, today: today)
        try await database.storeLoans(client, loanIDs)
        print("database \(database.scoped.database); server http://127.0.0.1:\(port), PostgreSQL pool \(pool) connections; "
            + "\(loanIDs.count) active loans in \(ContinuousClock.now - setupStart)")
        let load = RepaymentLoad(host: "127.0.0.1", port: port, token: token, loans: loanIDs, effectiveDate: today.description)
        let cursor = Cursor()
        let runner = PgbenchRunner(executable: options.pgbench, database: database.scoped)
        var script: String?
        var rows: [ComparisonRow] = []
        for concurrency in options.concurrency {
            if options.warmupSeconds > 0 {
                _ = await load.run(concurrency: concurrency, limit: .max, duration: .seconds(options.warmupSeconds), cursor: cursor)
            }
            rows.append(try await level(concurrency, Level(load: load, cursor: cursor, runner: runner, client: client, loans: loanIDs.count),
                                        script: &script))
        }
        return rows
    }

    /// What every concurrency level uses.
    private struct Level {
        let load: RepaymentLoad
        let cursor: Cursor
        let runner: PgbenchRunner
        let client: PostgresClient
        /// Loans in `bench_loan` (the script picks among them).
        let loans: Int
    }

    /// One concurrency level: `--rounds` HTTP phases, each followed by a pgbench run as long as it took.
    ///
    /// The pgbench script is rendered from the rows the first phase wrote, so `script` is filled on the first call.
    private func level(_ concurrency: Int, _ level: Level, script: inout String?) async throws -> ComparisonRow {
        var http = RepaymentLoad.Phase(latencies: [], failures: 0, seconds: 0)
        var reports: [PgbenchReport] = [], pgbenchLatencies: [Double] = [], pgbenchSeconds = 0
        for _ in 0..<options.rounds {
            let since = try await database.now(level.client)
            let phase = await level.load.run(concurrency: concurrency, limit: max(1, options.limit / options.rounds),
                                             duration: .seconds(Double(options.seconds) / Double(options.rounds)), cursor: level.cursor)
            http.add(phase)
            if script == nil, !phase.latencies.isEmpty {
                let profile = try await database.profile(level.client, since: since, commands: phase.latencies.count)
                print("one repayment writes: \(profile.summary)")
                script = PgbenchScript.render(profile, loans: level.loans)
                if options.showScript { print(script ?? "") }
            }
            guard let script else { break }
            let seconds = max(1, Int(phase.seconds.rounded()))
            let (report, latencies) = try await level.runner.run(script: script, clients: concurrency, seconds: seconds)
            reports.append(report)
            pgbenchLatencies += latencies
            pgbenchSeconds += seconds
        }
        if let firstFailure = http.firstFailure { print("c=\(concurrency): \(http.failures) failed; first: \(firstFailure)") }
        guard !http.latencies.isEmpty, let report = PgbenchReport(combining: reports) else {
            throw BenchmarkError("no repayment succeeded at concurrency \(concurrency)")
        }
        let summary = LatencySummary(latencies: http.latencies, seconds: http.seconds)
        let row = ComparisonRow(concurrency: concurrency, loanStream: summary, failures: http.failures, pgbench: report,
                                pgbenchLatencies: pgbenchLatencies.isEmpty ? nil : LatencySummary(latencies: pgbenchLatencies, seconds: Double(pgbenchSeconds)))
        print(String(format: "c=%d: LoanStream %d repayments in %.1f s = %.1f/s (p50 %.2f ms, p99 %.2f ms); pgbench %d tx in %d s = %.1f tps (avg %.2f ms); ratio %.1f %% (%d interleaved rounds)",
                     concurrency, summary.count, http.seconds, summary.rate, summary.p50, summary.p99,
                     report.transactions, pgbenchSeconds, report.tps, report.latencyAverage, row.ratio * 100, options.rounds))
        return row
    }

    /// Polls `GET /openapi.json` until the server answers (at most 10 s).
    private func waitUntilServing(port: Int) async throws {
        for _ in 0..<100 {
            if let connection = try? await KeepAliveConnection.connect(host: "127.0.0.1", port: port) {
                let reply = try? await connection.send(.GET, "/openapi.json", headers: [], body: nil)
                await connection.close()
                if reply?.status == .ok { return }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkError("the in-process server did not answer on 127.0.0.1:\(port) within 10 s")
    }

    /// A loopback port nobody listens on: bound once by the kernel's choice, then released.
    private static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port
        try? await channel.close().get()
        guard let port else { throw BenchmarkError("the kernel gave no port") }
        return port
    }
}
