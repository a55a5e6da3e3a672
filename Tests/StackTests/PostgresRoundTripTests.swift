import EventStore
import Logging
import PostgresNIO
import Testing

@Suite("PostgreSQL from the local stack")
struct PostgresRoundTripTests {
    @Test("a row written through postgres-nio reads back unchanged")
    func roundTrip() async throws {
        let settings = try DatabaseSettings(environment: TestEnvironment.variables)
        let client = PostgresClient(configuration: settings.clientConfiguration, backgroundLogger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }

            let table = TestEnvironment.uniqueName("roundtrip").replacingOccurrences(of: "-", with: "_")
            // Temp tables live per connection, so write and read inside one connection.
            let logger = Logger(label: "test")
            let read = try await client.withConnection { connection in
                try await connection.query("CREATE TEMP TABLE \(unescaped: table) (id int, amount numeric(20,2))", logger: logger)
                try await connection.query("INSERT INTO \(unescaped: table) (id, amount) VALUES (\(7), \("1250.05")::numeric)", logger: logger)
                let rows = try await connection.query("SELECT id, amount::text FROM \(unescaped: table)", logger: logger)
                var out: [(Int, String)] = []
                for try await (id, amount) in rows.decode((Int, String).self) { out.append((id, amount)) }
                return out
            }
            #expect(read.count == 1)
            #expect(read.first?.0 == 7)
            #expect(read.first?.1 == "1250.05")

            let version = try await client.query("SHOW server_version_num")
            for try await (number) in version.decode(String.self) {
                #expect((Int(number) ?? 0) >= 150_000, "the stack runs PostgreSQL 15 or newer")
            }
        }
    }

    @Test("missing settings are reported by variable name")
    func missingSettings() {
        #expect(throws: SettingsError(variable: "POSTGRES_USER", reason: "is not set (source .data/stack.env after `scripts/stack up`)")) {
            try DatabaseSettings(environment: [:])
        }
        #expect(throws: SettingsError.self) {
            try DatabaseSettings(environment: ["POSTGRES_USER": "u", "POSTGRES_PORT": "port"])
        }
    }
}
