import PostgresNIO

extension PostgresClient {
    /// The single integer a test's query returns (a count, a sum), or -1 when it returns no row.
    ///
    /// - Parameter sql: trusted test SQL returning one integer column.
    public func scalar(_ sql: String) async throws -> Int {
        let rows = try await query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(Int.self) { return value }
        return -1
    }

    /// The number of rows in `table`.
    public func count(_ table: String) async throws -> Int {
        try await scalar("SELECT count(*)::int8 FROM \(table)")
    }
}
