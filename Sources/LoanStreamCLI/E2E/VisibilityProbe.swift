import Foundation
import HTTPAPI
import Logging
import PostgresNIO

/// Watches `loan_view` for loans reaching a version: one query for every pending loan at a time.
struct VisibilityProbe: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// The version each loan shows now (absent: not in loan_view yet).
    func versions(_ loans: [UUID]) async throws -> [UUID: Int] {
        let rows = try await client.query("SELECT loan_id, version FROM loan_view WHERE loan_id = ANY(\(loans))", logger: logger)
        var versions: [UUID: Int] = [:]
        for try await (loan, version) in rows.decode((UUID, Int).self) { versions[loan] = version }
        return versions
    }

    /// Waits until every loan is in loan_view.
    func waitUntilVisible(_ loans: [UUID], timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await versions(loans).count == Set(loans).count { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw BenchmarkError("loan_view did not show the benchmark's loans within \(timeout): are the relay and projectors running?")
    }
}
