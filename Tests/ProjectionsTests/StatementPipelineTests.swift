import EventStore
import LoanStreamTestSupport
import PostgresNIO
import Projections
import Testing

@Suite("Statements sent back to back")
struct StatementPipelineTests {
    @Test("they run in the order they were sent, inside the caller's transaction")
    func runInOrder() async throws {
        try await ScratchDatabase.migrated(migrations: []) { client in
            try await client.query("CREATE TABLE pipelined (n integer)", logger: ProjectorHarness.logger)
            try await client.withTransaction(logger: ProjectorHarness.logger) { connection in
                var pipeline = StatementPipeline(connection: connection, logger: ProjectorHarness.logger)
                pipeline.send("INSERT INTO pipelined VALUES (1)")
                pipeline.send("UPDATE pipelined SET n = n * 10")
                pipeline.send("INSERT INTO pipelined VALUES (2)")
                #expect(pipeline.count == 3)
                try await pipeline.finish()
            }
            let rows = try await client.query("SELECT n FROM pipelined ORDER BY n", logger: ProjectorHarness.logger)
            var values: [Int] = []
            for try await n in rows.decode(Int.self) { values.append(n) }
            #expect(values == [2, 10])
        }
    }

    @Test("the first failure is reported, not the aborted statements after it, and the transaction writes nothing")
    func firstFailureWins() async throws {
        try await ScratchDatabase.migrated(migrations: []) { client in
            try await client.query("CREATE TABLE pipelined (n integer)", logger: ProjectorHarness.logger)
            var failure: (any Error)?
            do {
                try await client.withTransaction(logger: ProjectorHarness.logger) { connection in
                    var pipeline = StatementPipeline(connection: connection, logger: ProjectorHarness.logger)
                    pipeline.send("INSERT INTO pipelined VALUES (1)")
                    pipeline.send("INSERT INTO pipelined VALUES (1 / 0)")
                    pipeline.send("INSERT INTO pipelined VALUES (3)")
                    try await pipeline.finish()
                }
            } catch let error as PostgresTransactionError {
                failure = error.closureError ?? error
            }
            let error = try #require(failure as? PSQLError, "the pipeline's failure reaches the caller")
            #expect(error.serverInfo?[.sqlState] == "22012", "division_by_zero, not in_failed_sql_transaction")
            #expect(try await client.count("pipelined") == 0)
        }
    }
}
