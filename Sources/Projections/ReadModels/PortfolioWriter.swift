import EventSchemas
import Logging
import PostgresNIO

/// Applies a batch's ``PortfolioChanges`` to `portfolio_daily`.
///
/// A row's stock columns equal the sum of every position change effective on or before its
/// date. A missing row is first created as a copy of the stock of the latest earlier row (flows
/// zero); then the stock change is added to that row and every later one, and the flows to that
/// row alone. Since every change lands on an existing row, this invariant holds in any order.
enum PortfolioWriter {
    static func write(_ changes: PortfolioChanges, connection: PostgresConnection, logger: Logger) async throws {
        guard !changes.isEmpty else { return }
        let stock = PortfolioPosition.columns
        var earliest: [String: (PortfolioKey, EventSource)] = [:]
        for key in changes.stock.keys.sorted() {
            try await ensureRow(key, stock: stock, connection: connection, logger: logger)
            try await add(changes.stock[key]?.values ?? [], to: stock, key: key, laterRowsToo: true,
                          connection: connection, logger: logger)
            try await add(changes.flows[key]?.values ?? [], to: PortfolioFlows.columns, key: key, laterRowsToo: false,
                          connection: connection, logger: logger)
            let group = key.product + "\u{1F}" + key.currency
            if earliest[group] == nil, let source = changes.sources[group] { earliest[group] = (key, source) }
        }
        for (key, source) in earliest.values.sorted(by: { $0.0 < $1.0 }) {
            try await capture(from: key, source: source, connection: connection, logger: logger)
        }
    }

    private static func ensureRow(_ key: PortfolioKey, stock: [String], connection: PostgresConnection,
                                  logger: Logger) async throws {
        let list = stock.joined(separator: ", ")
        let copied = stock.map { "coalesce(p.\($0), 0)" }.joined(separator: ", ")
        try await connection.query("""
            INSERT INTO portfolio_daily (business_date, product_code, currency, \(unescaped: list))
            SELECT \(key.date.description)::date, \(key.product), \(key.currency), \(unescaped: copied)
              FROM (SELECT 1) AS one
              LEFT JOIN LATERAL (SELECT * FROM portfolio_daily
                                  WHERE product_code = \(key.product) AND currency = \(key.currency)
                                    AND business_date < \(key.date.description)::date
                                  ORDER BY business_date DESC LIMIT 1) AS p ON true
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    private static func add(_ values: [Int64], to columns: [String], key: PortfolioKey, laterRowsToo: Bool,
                            connection: PostgresConnection, logger: Logger) async throws {
        let changed = zip(columns, values).filter { $0.1 != 0 }
        guard !changed.isEmpty else { return }
        // Column names are constants; the amounts are integers we computed, so inlining them is safe.
        let assignments = changed.map { "\($0.0) = \($0.0) + \($0.1)" }.joined(separator: ", ")
        try await connection.query("""
            UPDATE portfolio_daily SET \(unescaped: assignments)
             WHERE product_code = \(key.product) AND currency = \(key.currency)
               AND business_date \(unescaped: laterRowsToo ? ">=" : "=") \(key.date.description)::date
            """, logger: logger)
    }

    /// CDC for every row of the product and currency from `key.date` on (a change there moved them all).
    private static func capture(from key: PortfolioKey, source: EventSource, connection: PostgresConnection,
                                logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO cdc_outbox (topic, key, headers, payload)
            SELECT 'cdc.portfolio_daily', jsonb_build_array(t.business_date, t.product_code, t.currency)::text,
                   jsonb_build_object('event_id', \(source.eventID.uuidString.lowercased())::text, 'table', 'portfolio_daily'),
                   jsonb_build_object('op', 'upsert', 'table', 'portfolio_daily', 'row', to_jsonb(t),
                                      'source', \(source.json.serialized(sortedKeys: true))::jsonb)::text
              FROM portfolio_daily t
             WHERE t.product_code = \(key.product) AND t.currency = \(key.currency)
               AND t.business_date >= \(key.date.description)::date
             ORDER BY t.business_date
            """, logger: logger)
    }
}
