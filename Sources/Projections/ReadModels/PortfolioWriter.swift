import EventSchemas
import Logging
import PostgresNIO

/// Applies a batch's ``PortfolioChanges`` to `portfolio_daily`.
///
/// A row's stock columns equal the sum of every position change effective on or before its
/// date. Missing rows are first created as copies of the stock of the latest earlier row (flows
/// zero); then each row gets the sum of the batch's stock changes dated on or before it, and its
/// own date's flows. Since every change lands on an existing row, this holds in any order.
enum PortfolioWriter {
    /// Four statements per batch whatever its size: create the missing rows, add the stock
    /// changes cumulatively, add the flows, capture the changed rows.
    static func write(_ changes: PortfolioChanges, pipeline: inout StatementPipeline) {
        guard !changes.isEmpty else { return }
        let keys = changes.stock.keys.sorted()
        ensureRows(keys, pipeline: &pipeline)
        addStock(keys, changes, pipeline: &pipeline)
        addFlows(keys, changes, pipeline: &pipeline)
        var earliest: [String: (PortfolioKey, EventSource)] = [:]
        for key in keys {
            let group = key.product + "\u{1F}" + key.currency
            if earliest[group] == nil, let source = changes.sources[group] { earliest[group] = (key, source) }
        }
        for (key, source) in earliest.values.sorted(by: { $0.0 < $1.0 }) {
            capture(from: key, source: source, pipeline: &pipeline)
        }
    }

    /// The keys as three bound arrays (date text, product, currency), the first binds of a query.
    private static func keyBindings(_ keys: [PortfolioKey]) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(keys.map(\.date.description), context: .default)
        bindings.append(keys.map(\.product), context: .default)
        bindings.append(keys.map(\.currency), context: .default)
        return bindings
    }

    /// Creates every missing row as a copy of the stock of the latest earlier row (flows zero).
    /// One statement: each copy reads the rows as they were before this batch.
    private static func ensureRows(_ keys: [PortfolioKey], pipeline: inout StatementPipeline) {
        let stock = PortfolioPosition.columns
        let list = stock.joined(separator: ", ")
        let copied = stock.map { "coalesce(p.\($0), 0)" }.joined(separator: ", ")
        let sql = """
            INSERT INTO portfolio_daily (business_date, product_code, currency, \(list))
            SELECT k.d::date, k.pr, k.cu, \(copied)
              FROM unnest($1::text[], $2::text[], $3::text[]) AS k(d, pr, cu)
              LEFT JOIN LATERAL (SELECT * FROM portfolio_daily
                                  WHERE product_code = k.pr AND currency = k.cu AND business_date < k.d::date
                                  ORDER BY business_date DESC LIMIT 1) AS p ON true
            ON CONFLICT DO NOTHING
            """
        pipeline.send(PostgresQuery(unsafeSQL: sql, binds: keyBindings(keys)))
    }

    /// Adds to every row of a product and currency the sum of the batch's stock changes dated on or before it.
    private static func addStock(_ keys: [PortfolioKey], _ changes: PortfolioChanges, pipeline: inout StatementPipeline) {
        let columns = PortfolioPosition.columns
        var bindings = keyBindings(keys)
        for index in columns.indices {
            bindings.append(keys.map { changes.stock[$0]?.values[index] ?? 0 }, context: .default)
        }
        let arrays = columns.indices.map { "$\($0 + 4)::int8[]" }.joined(separator: ", ")
        let names = columns.indices.map { "c\($0)" }.joined(separator: ", ")
        let sums = columns.indices.map { "sum(ch.c\($0))::int8 AS c\($0)" }.joined(separator: ", ")
        let assignments = columns.enumerated().map { "\($0.element) = p.\($0.element) + d.c\($0.offset)" }.joined(separator: ", ")
        let sql = """
            UPDATE portfolio_daily p SET \(assignments)
              FROM (SELECT t.business_date, t.product_code, t.currency, \(sums)
                      FROM portfolio_daily t
                      JOIN unnest($1::text[], $2::text[], $3::text[], \(arrays)) AS ch(d, pr, cu, \(names))
                        ON ch.pr = t.product_code AND ch.cu = t.currency AND ch.d::date <= t.business_date
                     GROUP BY t.business_date, t.product_code, t.currency) AS d
             WHERE p.business_date = d.business_date AND p.product_code = d.product_code AND p.currency = d.currency
            """
        pipeline.send(PostgresQuery(unsafeSQL: sql, binds: bindings))
    }

    /// Adds each key's flows to its own row.
    private static func addFlows(_ keys: [PortfolioKey], _ changes: PortfolioChanges, pipeline: inout StatementPipeline) {
        let flowing = keys.filter { !(changes.flows[$0]?.isZero ?? true) }
        guard !flowing.isEmpty else { return }
        let columns = PortfolioFlows.columns
        var bindings = keyBindings(flowing)
        for index in columns.indices {
            bindings.append(flowing.map { changes.flows[$0]?.values[index] ?? 0 }, context: .default)
        }
        let arrays = columns.indices.map { "$\($0 + 4)::int8[]" }.joined(separator: ", ")
        let names = columns.indices.map { "f\($0)" }.joined(separator: ", ")
        let assignments = columns.enumerated().map { "\($0.element) = p.\($0.element) + ch.f\($0.offset)" }.joined(separator: ", ")
        let sql = """
            UPDATE portfolio_daily p SET \(assignments)
              FROM unnest($1::text[], $2::text[], $3::text[], \(arrays)) AS ch(d, pr, cu, \(names))
             WHERE p.business_date = ch.d::date AND p.product_code = ch.pr AND p.currency = ch.cu
            """
        pipeline.send(PostgresQuery(unsafeSQL: sql, binds: bindings))
    }

    /// CDC for every row of the product and currency from `key.date` on (a change there moved them all).
    private static func capture(from key: PortfolioKey, source: EventSource, pipeline: inout StatementPipeline) {
        pipeline.send("""
            INSERT INTO cdc_outbox (topic, key, headers, payload)
            SELECT 'cdc.portfolio_daily', jsonb_build_array(t.business_date, t.product_code, t.currency)::text,
                   jsonb_build_object('event_id', \(source.eventID.uuidString.lowercased())::text, 'table', 'portfolio_daily')::text,
                   jsonb_build_object('op', 'upsert', 'table', 'portfolio_daily', 'row', to_jsonb(t),
                                      'source', \(source.json.serialized(sortedKeys: true))::jsonb)::text
              FROM portfolio_daily t
             WHERE t.product_code = \(key.product) AND t.currency = \(key.currency)
               AND t.business_date >= \(key.date.description)::date
             ORDER BY t.business_date
            """)
    }
}
