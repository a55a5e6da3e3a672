import EventSchemas
import Logging
import PostgresNIO

/// Writes the CDC outbox: for each changed read-model row one `cdc_outbox` row on topic
/// `cdc.<table>`, keyed by the row's primary key (the value for a single column, a JSON array
/// for a composite key), whose payload is `{op, table, row, source:{topic,partition,offset,event_id}}`
/// with `row` the row image as PostgreSQL renders it (`to_jsonb`). The relay publishes it.
enum ChangeCapture {
    /// One changed row: its primary key values and the event that changed it last in the batch.
    struct Change: Sendable {
        var key: [String: JSONValue]
        var source: EventSource
    }

    /// Captures rows of `table` as the statements sent before it in this transaction left them.
    ///
    /// - Parameters:
    ///   - table: a read-model table (a constant of this module).
    ///   - keys: its primary-key columns and their SQL types.
    ///   - changes: the changed rows.
    static func capture(table: String, keys: [(name: String, type: String)], changes: [Change],
                        pipeline: inout StatementPipeline) {
        guard !changes.isEmpty else { return }
        let sources: JSONValue = .array(changes.map { change in
            var object = change.key
            object["source"] = change.source.json
            return .object(object)
        })
        let names = keys.map(\.name)
        let record = (keys.map { "\($0.name) \($0.type)" } + ["source jsonb"]).joined(separator: ", ")
        let key = names.count == 1 ? "t.\(names[0])::text"
            : "jsonb_build_array(\(names.map { "t.\($0)" }.joined(separator: ", ")))::text"
        pipeline.send("""
            INSERT INTO cdc_outbox (topic, key, headers, payload)
            SELECT \("cdc." + table), \(unescaped: key),
                   jsonb_build_object('event_id', src.source->>'event_id', 'table', \(table)::text)::text,
                   jsonb_build_object('op', 'upsert', 'table', \(table)::text, 'row', to_jsonb(t), 'source', src.source)::text
              FROM \(unescaped: table) t
              JOIN jsonb_to_recordset(\(sources.serialized(sortedKeys: true))::jsonb) AS src(\(unescaped: record))
             USING (\(unescaped: names.joined(separator: ", ")))
             ORDER BY \(unescaped: names.map { "t.\($0)" }.joined(separator: ", "))
            """)
    }
}
