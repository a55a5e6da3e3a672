import Foundation
import HTTPAPI
import NIOCore
import Synchronization

/// Sends repayments over HTTP to a running LoanStream, `concurrency` requests in flight (one
/// keep-alive connection each), spread round-robin over the loans so each stream stays short and
/// concurrent requests rarely share a loan.
struct RepaymentLoad: Sendable {
    let host: String
    let port: Int
    let token: String
    let loans: [UUID]
    let effectiveDate: String

    /// The outcome of one phase.
    struct Phase: Sendable {
        var latencies: [Double]
        var failures: Int
        var seconds: Double
        var firstFailure: String?

        /// Takes in another phase's (or task's) outcome: its latencies, failures and time.
        mutating func add(_ other: Phase) {
            latencies += other.latencies
            failures += other.failures
            seconds += other.seconds
            firstFailure = firstFailure ?? other.firstFailure
        }
    }

    /// Runs until `limit` requests were sent or `duration` passed, whichever comes first.
    ///
    /// - Parameters:
    ///   - concurrency: requests in flight.
    ///   - limit: most requests to send.
    ///   - duration: longest wall-clock time.
    ///   - cursor: where in the loan list to continue (shared across phases, so loans stay evenly repaid).
    /// - Returns: each accepted repayment's latency in milliseconds, the failures and the elapsed time.
    func run(concurrency: Int, limit: Int, duration: Duration, cursor: Cursor) async -> Phase {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + duration
        let quota = Cursor()
        let results = await withTaskGroup(of: Phase.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var phase = Phase(latencies: [], failures: 0, seconds: 0)
                    var connection: KeepAliveConnection?
                    while clock.now < deadline, quota.next() < limit {
                        let loan = loans[cursor.next() % loans.count]
                        let sent = clock.now
                        let failure = await send(loan: loan, on: &connection)
                        if let failure {
                            phase.failures += 1
                            if phase.firstFailure == nil { phase.firstFailure = failure }
                        } else {
                            phase.latencies.append(milliseconds(clock.now - sent))
                        }
                    }
                    await connection?.close()
                    return phase
                }
            }
            var total = Phase(latencies: [], failures: 0, seconds: 0)
            for await phase in group { total.add(phase) }
            return total
        }
        var phase = results
        phase.seconds = milliseconds(clock.now - start) / 1_000
        return phase
    }

    /// One repayment of 100.00 INR with a fresh Idempotency-Key; `nil` on 2xx, otherwise what went wrong.
    ///
    /// Opens `connection` when there is none; a transport failure closes it, so the next request reconnects.
    private func send(loan: UUID, on connection: inout KeepAliveConnection?) async -> String? {
        do {
            let open: KeepAliveConnection
            if let connection { open = connection } else {
                open = try await KeepAliveConnection.connect(host: host, port: port)
                connection = open
            }
            let reply = try await open.send(.POST, RepaymentRequest.path(loan: loan), headers: RepaymentRequest.headers(token: token),
                                            body: RepaymentRequest.body(effectiveDate: effectiveDate))
            guard (200..<300).contains(reply.status.code) else {
                return "HTTP \(reply.status.code): \(String(buffer: reply.body).prefix(300))"
            }
            return nil
        } catch {
            await connection?.close()
            connection = nil
            return String(reflecting: error)
        }
    }
}

/// A duration in milliseconds, for latency figures.
func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
}

/// A shared counter: hands out 0, 1, 2, … to concurrent callers.
final class Cursor: Sendable {
    private let value = Mutex(0)

    /// The next number.
    func next() -> Int {
        value.withLock { current in
            defer { current += 1 }
            return current
        }
    }
}
