import EventStore
import Foundation
import HTTPAPI

/// Runs `pgbench` against the benchmark's database with a custom script and reads its summary
/// and its per-transaction log (for percentiles).
struct PgbenchRunner {
    /// The pgbench executable: a path, or a name looked up on PATH and in /usr/lib/postgresql/*/bin.
    let executable: String
    let database: DatabaseSettings

    /// Runs `pgbench -n -c <clients> -j <min(clients, 2)> -T <seconds> -f <script> --log`.
    ///
    /// - Returns: pgbench's summary and the latencies of every logged transaction.
    /// - Throws: ``BenchmarkError`` when pgbench exits non-zero or prints no summary.
    func run(script: String, clients: Int, seconds: Int) async throws -> (PgbenchReport, [Double]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loanstream-pgbench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scriptURL = directory.appendingPathComponent("repayment.sql")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)

        var environment = ProcessInfo.processInfo.environment
        if let password = database.password { environment["PGPASSWORD"] = password }
        let stdoutPath = directory.appendingPathComponent("stdout").path
        let stderrPath = directory.appendingPathComponent("stderr").path
        let status = try await UnmaskedProcess.run(
            try resolved(),
            ["-n", "-c", "\(clients)", "-j", "\(min(clients, 2))", "-T", "\(seconds)", "-f", scriptURL.path,
             "--log", "--log-prefix=\(directory.appendingPathComponent("txlog").path)",
             "-h", database.host, "-p", "\(database.port)", "-U", database.user, database.database],
            environment: environment, standardOutput: stdoutPath, standardError: stderrPath)
        let stdout = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        guard status == 0, let report = PgbenchReport(output: stdout) else {
            throw BenchmarkError("pgbench exited \(status): \(stderr.suffix(800))\(stdout.suffix(400))")
        }
        var latencies: [Double] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasPrefix("txlog") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            latencies += PgbenchReport.latencies(fromLog: text)
        }
        return (report, latencies)
    }

    private func resolved() throws -> String {
        if executable.contains("/") { return executable }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        var candidates = path.split(separator: ":").map { "\($0)/\(executable)" }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += versions.sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin/\(executable)" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BenchmarkError("\(executable) not found on PATH or in /usr/lib/postgresql/*/bin (scripts/bootstrap installs postgresql-15)")
        }
        return found
    }
}
