import Foundation

/// The outcome of running every ``ReadinessCheck``: what `/readyz` returns.
public struct ReadinessReport: Sendable, Equatable, Encodable {
    /// One check's outcome.
    public struct Result: Sendable, Equatable, Encodable {
        /// The check's name.
        public var name: String
        /// Whether it passed.
        public var ok: Bool
        /// Why it failed (absent when it passed).
        public var error: String?
    }

    /// `"ready"` or `"not_ready"`.
    public var status: String
    /// Each check in the order given.
    public var checks: [Result]

    /// Whether every check passed.
    public var isReady: Bool { checks.allSatisfy(\.ok) }

    /// Runs the checks concurrently, each bounded by `timeout` (a check that takes longer fails).
    ///
    /// - Parameters:
    ///   - checks: The checks.
    ///   - timeout: How long one check may take.
    /// - Returns: The report.
    public static func run(_ checks: [ReadinessCheck], timeout: Duration = .seconds(3)) async -> ReadinessReport {
        let results = await withTaskGroup(of: (Int, Result).self) { group in
            for (index, check) in checks.enumerated() {
                group.addTask { (index, await Self.run(check, timeout: timeout)) }
            }
            var results: [(Int, Result)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return ReadinessReport(status: results.allSatisfy(\.ok) ? "ready" : "not_ready", checks: results)
    }

    private static func run(_ check: ReadinessCheck, timeout: Duration) async -> Result {
        do {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    try await check.probe()
                    return true
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return false
                }
                defer { group.cancelAll() }
                guard let passed = try await group.next(), passed else {
                    throw ReadinessFailure("no answer within \(timeout)")
                }
            }
            return Result(name: check.name, ok: true, error: nil)
        } catch {
            return Result(name: check.name, ok: false, error: String(describing: error))
        }
    }

    /// The report as JSON (keys sorted).
    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"status":"not_ready"}"#
    }
}
