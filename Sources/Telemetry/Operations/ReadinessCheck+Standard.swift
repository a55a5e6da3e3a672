import Kafka
import Logging
import PostgresNIO

extension ReadinessCheck {
    /// `postgres`: a `SELECT 1` succeeds.
    ///
    /// - Parameter client: The process's (running) PostgreSQL client.
    public static func postgres(_ client: PostgresClient) -> ReadinessCheck {
        ReadinessCheck("postgres") {
            _ = try await client.query("SELECT 1", logger: Logger(label: "loanstream.readiness"))
        }
    }

    /// `migrations`: `schema_migration` records every version up to `version`.
    ///
    /// - Parameters:
    ///   - client: The process's (running) PostgreSQL client.
    ///   - version: The highest migration version this build ships.
    public static func migrations(_ client: PostgresClient, atLeast version: Int) -> ReadinessCheck {
        ReadinessCheck("migrations") {
            let rows = try await client.query(
                "SELECT coalesce(max(version), 0)::int8 FROM schema_migration", logger: Logger(label: "loanstream.readiness"))
            var applied: Int64 = 0
            for try await value in rows.decode(Int64.self) { applied = value }
            guard applied >= Int64(version) else {
                throw ReadinessFailure("migration \(applied) applied, \(version) expected: run `loanstream migrate`")
            }
        }
    }

    /// `kafka`: the cluster metadata lists at least one broker.
    ///
    /// - Parameter admin: An admin client for the cluster.
    public static func kafka(_ admin: KafkaAdmin) -> ReadinessCheck {
        ReadinessCheck("kafka") {
            guard try await admin.brokerCount() > 0 else { throw ReadinessFailure("the cluster reports no broker") }
        }
    }

    /// `projector`: the given closure reports at least one assigned partition (the projector framework
    /// supplies it; a projector that has not joined its group yet is not ready).
    ///
    /// - Parameter assignedPartitions: How many partitions the projector currently owns.
    public static func projectorAssigned(_ assignedPartitions: @escaping @Sendable () async throws -> Int) -> ReadinessCheck {
        ReadinessCheck("projector") {
            guard try await assignedPartitions() > 0 else { throw ReadinessFailure("no partition assigned yet") }
        }
    }
}
