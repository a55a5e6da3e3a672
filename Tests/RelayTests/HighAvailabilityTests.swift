#if canImport(Glibc)
import Glibc
#endif
import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
import Relay
import Testing

@Suite("Relay high availability", .timeLimit(.minutes(3)))
struct HighAvailabilityTests {
    /// Two `loanstream relay` processes on one database: one takes the advisory lock, the other stands by.
    /// The active one is killed with SIGKILL while rows are being written and published; the standby must
    /// take over within seconds and every row must reach Kafka (duplicates allowed, counted and reported).
    @Test("SIGTERM stops an active relay within seconds: the round in flight ends, then the watchdog and the pumps")
    func activeRelayStopsOnSIGTERM() async throws {
        let binary = RepositoryContracts.root.appendingPathComponent(".build/debug/loanstream").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build first: swift build --build-tests")
        try await ScratchDatabase.migrated { client in
            let database = try await RelayTestSupport.databaseSettings(of: client)
            var environment = ProcessInfo.processInfo.environment
            environment["POSTGRES_DB"] = database.database
            environment["LOANSTREAM_RELAY_LOCK_KEY"] = String(Int64.random(in: 1...Int64.max))
            let schemas = RepositoryContracts.root.appendingPathComponent("Schemas").path
            let relay = try RelayProcess(binary: binary, arguments: ["relay", "--schemas-dir", schemas], environment: environment, name: "term")
            defer { relay.kill() }
            let active = try await RelayTestSupport.eventually(timeout: .seconds(20)) { relay.log.contains("relay active") }
            #expect(active, "the relay never became active:\n\(relay.log)")
            #expect(await relay.terminate(within: .seconds(15)), "the relay did not stop on SIGTERM:\n\(relay.log)")
        }
    }

    @Test("SIGKILL of the active relay mid-stream: the standby takes over, nothing is lost, per-loan order holds")
    func standbyTakesOverAfterSIGKILL() async throws {
        let brokers = try RelayTestSupport.brokers()
        let binary = RepositoryContracts.root.appendingPathComponent(".build/debug/loanstream").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build first: swift build --build-tests")
        let topic = try await RelayTestSupport.createTopic("ha", brokers: brokers)
        let loans = (0..<40).map { _ in UUID() }
        let versionsPerLoan = 50
        try await ScratchDatabase.migrated { client in
            let database = try await RelayTestSupport.databaseSettings(of: client)
            var environment = ProcessInfo.processInfo.environment
            environment["POSTGRES_DB"] = database.database
            environment["LOANSTREAM_RELAY_TABLES"] = "outbox"
            environment["LOANSTREAM_RELAY_LOCK_KEY"] = String(Int64.random(in: 1...Int64.max))
            environment["LOANSTREAM_RELAY_BATCH_SIZE"] = "25"
            environment["LOANSTREAM_RELAY_POLL_INTERVAL_MS"] = "20"
            environment["LOANSTREAM_RELAY_STANDBY_RETRY_MS"] = "250"
            let schemas = RepositoryContracts.root.appendingPathComponent("Schemas").path
            let first = try RelayProcess(binary: binary, arguments: ["relay", "--schemas-dir", schemas], environment: environment, name: "a")
            defer { first.kill() }
            let condition5 = try await RelayTestSupport.eventually(timeout: .seconds(20)) { first.log.contains("relay active") }
            #expect(condition5,
                    "first relay never became active:\n\(first.log)")
            let second = try RelayProcess(binary: binary, arguments: ["relay", "--schemas-dir", schemas], environment: environment, name: "b")
            defer { second.kill() }
            let condition6 = try await RelayTestSupport.eventually(timeout: .seconds(20)) { second.log.contains("relay standby") }
            #expect(condition6,
                    "second relay never reported standby:\n\(second.log)")

            // Writer: one event per loan per transaction batch, versions in order, for the whole test.
            let total = loans.count * versionsPerLoan
            let clock = ContinuousClock()
            var takeover: Duration?
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for version in 1...versionsPerLoan {
                        for chunk in stride(from: 0, to: loans.count, by: 10) {
                            try await RelayTestSupport.insert(loans[chunk..<chunk + 10].map {
                                OutboxRecord.repaymentReceived(loanID: $0, version: version, topic: topic)
                            }, client: client)
                        }
                        try await Task.sleep(for: .milliseconds(60))
                    }
                }
                // Kill the active relay once it has published a fair share, with rows still being written.
                let condition7 = try await RelayTestSupport.eventually {
                    try await client.scalar("SELECT coalesce(max(id), 0) - count(*) FROM outbox") >= total / 4
                }
                #expect(condition7)
                let killedAt = clock.now
                first.kill()
                let condition8 = try await RelayTestSupport.eventually(timeout: .seconds(15)) { second.log.contains("relay active") }
                #expect(condition8,
                        "the standby did not take over:\n\(second.log)")
                takeover = clock.now - killedAt
                try await group.waitForAll()
            }
            let condition9 = try await RelayTestSupport.eventually(timeout: .seconds(30)) { try await client.count("outbox") == 0 }
            #expect(condition9)
            #expect(try await client.scalar("SELECT count(*)::int8 FROM outbox_parked") == 0)
            let messages = try await RelayTestSupport.read(topic: topic, partitions: 3, brokers: brokers, timeout: .seconds(60)) {
                Set($0.compactMap { $0.headerText("event_id") }).count >= total
            }
            let duplicates = RelayTestSupport.checkPerKeyOrder(
                messages, expected: Dictionary(uniqueKeysWithValues: loans.map { ($0.uuidString.lowercased(), versionsPerLoan) }))
            #expect(messages.count == total + duplicates)
            #expect(takeover.map { $0 < .seconds(5) } == true, "takeover took \(String(describing: takeover))")
            print("first relay:\n\(first.log)\nsecond relay:\n\(second.log)")
            print("HA test: \(total) rows, \(messages.count) messages, \(duplicates) duplicates after SIGKILL; standby active after \(String(describing: takeover))")
        }
    }
}

/// A `loanstream` child process whose output goes to a temporary file.
///
/// `@unchecked Sendable`: `Process` is not marked Sendable; it is only started in `init` and then read or
/// killed, which Foundation's `Process` allows from any thread.
final class RelayProcess: @unchecked Sendable {
    private let process: Process
    private let logPath: String

    init(binary: String, arguments: [String], environment: [String: String], name: String) throws {
        logPath = NSTemporaryDirectory() + "relay-test-\(name)-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// Everything the process wrote so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends SIGTERM (graceful shutdown) and waits up to `timeout` for the process to exit.
    ///
    /// - Returns: Whether it exited in time.
    func terminate(within timeout: Duration) async -> Bool {
        guard process.isRunning else { return true }
        process.terminate()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        return !process.isRunning
    }

    /// Sends SIGKILL (no graceful shutdown, no lock release: the session just dies) and reaps the process.
    func kill() {
        guard process.isRunning else { return }
        #if canImport(Glibc)
        Glibc.kill(process.processIdentifier, SIGKILL)
        #endif
        process.waitUntilExit()
    }
}
