import EventStore
import Logging
import PostgresNIO

/// The PostgreSQL advisory lock that makes one relay active per database and table set.
///
/// The lock lives on a dedicated connection for as long as the relay is active: when the process dies,
/// its session ends and PostgreSQL frees the lock, so a standby's next `pg_try_advisory_lock` wins.
/// While active, ``watch(every:)`` checks the connection; if it fails the relay must stop publishing,
/// because another relay may take the lock as soon as the session is gone.
final class LeaderLock: Sendable {
    private let connection: PostgresConnection
    private let key: Int64
    private let logger: Logger

    private init(connection: PostgresConnection, key: Int64, logger: Logger) {
        self.connection = connection
        self.key = key
        self.logger = logger
    }

    /// Connects and tries to take the lock once.
    ///
    /// - Parameters:
    ///   - database: Where PostgreSQL is.
    ///   - key: The advisory-lock key.
    ///   - logger: For the connection.
    /// - Returns: The held lock, or `nil` when another session holds it.
    /// - Throws: When PostgreSQL cannot be reached.
    static func acquire(database: DatabaseSettings, key: Int64, logger: Logger) async throws -> LeaderLock? {
        let configuration = PostgresConnection.Configuration(
            host: database.host, port: database.port, username: database.user, password: database.password,
            database: database.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            for try await granted in try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: logger)
                .decode(Bool.self) where granted {
                return LeaderLock(connection: connection, key: key, logger: logger)
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
        return nil
    }

    /// Checks the lock's connection every `interval` until the task is cancelled or shutdown starts.
    ///
    /// - Parameter interval: Time between checks; a check that takes longer than `interval` plus a second fails.
    /// - Throws: ``RelayError`` `leadershipLost` when a check fails.
    func watch(every interval: Duration) async throws {
        while !TablePump.stopRequested {
            try? await Task.sleep(for: interval)
            if TablePump.stopRequested { return }
            let alive = await bounded(interval + .seconds(1)) { [connection, logger] in
                do {
                    for try await one in try await connection.query("SELECT 1", logger: logger).decode(Int.self) { return one == 1 }
                } catch {}
                return false
            }
            if !alive, !TablePump.stopRequested {
                throw RelayError(.leadershipLost, "the connection holding advisory lock \(key) failed its check")
            }
        }
    }

    /// Releases the lock and closes its connection (closing alone would free it too); gives up after 2 s,
    /// e.g. when the connection is already dead.
    func release() async {
        _ = await bounded(.seconds(2)) { [connection, key, logger] in
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
            try? await connection.close()
            return true
        }
    }
}
