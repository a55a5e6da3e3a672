import Foundation
import HTTPAPI
import Synchronization

/// The measured phase: an open-loop sender at a fixed rate and a poller that stamps the moment
/// each accepted version shows in loan_view.
struct E2ERun: Sendable {
    let load: PacedRepayments
    let probe: VisibilityProbe
    let rate: Int
    let seconds: Int

    private final class Pending: Sendable {
        struct Entry { var version: Int; var acceptedAt: ContinuousClock.Instant }
        /// Per loan, the accepted versions still waiting to be seen.
        let waiting = Mutex<[UUID: [Entry]]>([:])
        let visible = Mutex<[Double]>([])
        let commandLatencies = Mutex<[Double]>([])
        let failures = Mutex(0)
        let sending = Mutex(true)
    }

    func measure() async throws -> E2EReport {
        let pending = Pending()
        let clock = ContinuousClock()
        let start = clock.now
        let total = rate * seconds
        let interval = Duration.seconds(1) / rate
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await poll(pending) }
            await withTaskGroup(of: Void.self) { senders in
                for index in 0..<total {
                    try? await clock.sleep(until: start + interval * index)
                    senders.addTask {
                        let sent = clock.now
                        guard let accepted = await load.send(index) else {
                            pending.failures.withLock { $0 += 1 }
                            return
                        }
                        let now = clock.now
                        pending.commandLatencies.withLock { $0.append(milliseconds(now - sent)) }
                        pending.waiting.withLock { $0[accepted.loan, default: []].append(.init(version: accepted.version, acceptedAt: now)) }
                    }
                }
            }
            pending.sending.withLock { $0 = false }
            try await group.waitForAll()
        }
        let elapsed = milliseconds(clock.now - start) / 1_000
        let unseen = pending.waiting.withLock { $0.values.reduce(0) { $0 + $1.count } }
        return E2EReport(offered: rate, sent: total, seconds: Double(seconds), elapsed: elapsed,
                         commands: pending.commandLatencies.withLock { $0 }, visible: pending.visible.withLock { $0 },
                         failures: pending.failures.withLock { $0 }, unseen: unseen)
    }

    /// Polls until sending is over and everything accepted was seen (or 30 s more passed).
    private func poll(_ pending: Pending) async throws {
        let clock = ContinuousClock()
        var drainDeadline: ContinuousClock.Instant?
        while true {
            let loans = pending.waiting.withLock { Array($0.keys) }
            if !loans.isEmpty {
                let versions = try await probe.versions(loans)
                let now = clock.now
                pending.waiting.withLock { waiting in
                    for (loan, shown) in versions {
                        guard var entries = waiting[loan] else { continue }
                        let seen = entries.filter { $0.version <= shown }
                        pending.visible.withLock { $0 += seen.map { milliseconds(now - $0.acceptedAt) } }
                        entries.removeAll { $0.version <= shown }
                        waiting[loan] = entries.isEmpty ? nil : entries
                    }
                }
            }
            if !pending.sending.withLock({ $0 }) {
                drainDeadline = drainDeadline ?? clock.now + .seconds(30)
                if pending.waiting.withLock({ $0.isEmpty }) || clock.now > drainDeadline! { return }
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}

/// The outcome, printed as a few lines.
struct E2EReport: Sendable {
    var offered: Int
    var sent: Int
    var seconds: Double
    var elapsed: Double
    var commands: [Double]
    var visible: [Double]
    var failures: Int
    var unseen: Int

    func lines(targetP99: Double) -> [String] {
        let command = LatencySummary(latencies: commands, seconds: seconds)
        let visibility = LatencySummary(latencies: visible, seconds: seconds)
        return [
            String(format: "offered %d/s for %.0f s: %d accepted (%.1f/s), %d failed, %d never seen in loan_view",
                   offered, seconds, commands.count, Double(commands.count) / seconds, failures, unseen),
            String(format: "command (send → 2xx):          p50 %.1f ms  p99 %.1f ms", command.p50, command.p99),
            String(format: "visibility (2xx → loan_view):  p50 %.1f ms  p99 %.1f ms  (target p99 ≤ %.0f ms: %@)",
                   visibility.p50, visibility.p99, targetP99, visibility.p99 <= targetP99 && unseen == 0 ? "met" : "not met"),
        ]
    }
}
