import Logging
import PostgresNIO

extension PostgresClient {
    /// Runs `body` with a running client and shuts the client down afterwards: for commands and
    /// tests that need a database for a while, outside a `ServiceGroup`.
    ///
    /// - Parameters:
    ///   - settings: where the database is.
    ///   - logger: the client's background logger.
    ///   - body: the work to do with the client.
    /// - Returns: what `body` returns.
    @discardableResult
    public static func withClient<Result: Sendable>(
        _ settings: DatabaseSettings,
        logger: Logger,
        _ body: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: settings.clientConfiguration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            // `body` waits until the child task is about to call `run()`: a lease taken before it has started
            // works, but postgres-nio logs a warning that `run()` hasn't been called yet.
            let (started, starting) = AsyncStream<Void>.makeStream()
            group.addTask {
                starting.finish()
                await client.run()
            }
            for await _ in started {}
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}
