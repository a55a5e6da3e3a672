import Foundation
import Logging
import PostgresNIO

/// Writes many rows of one table in one statement: the rows travel as one JSON array and
/// `jsonb_populate_recordset` turns them into the table's row type (found through `search_path`,
/// so a rebuild writes its shadow tables with the same code).
enum RowWriter {
    /// Table names and columns below are constants of this module, never input.
    static func upsert<Row: Encodable>(_ rows: [Row], into table: String, columns: [String], key: [String],
                                       pipeline: inout StatementPipeline) throws {
        guard !rows.isEmpty else { return }
        let json = try StreamingJSONEncoder.encode(rows, snakeCaseKeys: true)
        let list = columns.joined(separator: ", ")
        let rest = columns.filter { !key.contains($0) }
        let update = rest.isEmpty ? "NOTHING"
            : "UPDATE SET (\(rest.joined(separator: ", "))) = ROW(\(rest.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))"
        pipeline.send("""
            INSERT INTO \(unescaped: table) (\(unescaped: list))
            SELECT \(unescaped: list) FROM jsonb_populate_recordset(NULL::\(unescaped: table), \(json)::jsonb)
            ON CONFLICT (\(unescaped: key.joined(separator: ", "))) DO \(unescaped: update)
            """)
    }

    /// An RFC 3339 timestamp with fractional seconds, as PostgreSQL reads it.
    static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
