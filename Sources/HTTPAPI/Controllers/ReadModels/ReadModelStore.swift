import EventSchemas
import Foundation
import Logging
import PostgresNIO

/// The read models' PostgreSQL tables as the read routes see them: every query returns rows
/// rendered by PostgreSQL as JSON (`to_jsonb`), which ``ReadModelJSON`` turns into API bodies.
public struct ReadModelStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    let settings: ReadModelSettings

    /// - Parameters:
    ///   - client: a running client of the database the projector writes.
    ///   - logger: where queries log.
    ///   - settings: the `min_version` wait.
    public init(client: PostgresClient, logger: Logger, settings: ReadModelSettings = ReadModelSettings()) {
        self.client = client
        self.logger = logger
        self.settings = settings
    }

    /// Runs a query whose single column is a JSON text per row.
    func rows(_ query: PostgresQuery) async throws -> [JSONValue] {
        let result = try await client.query(query, logger: logger)
        var rows: [JSONValue] = []
        for try await text in result.decode(String.self) { rows.append(try JSONValue(parsing: text)) }
        return rows
    }

    /// Runs a query returning at most one optional integer.
    func integer(_ query: PostgresQuery) async throws -> Int? {
        let result = try await client.query(query, logger: logger)
        for try await value in result.decode(Int?.self) { return value }
        return nil
    }
}
