import EventSchemas
import Foundation
import Hummingbird
import PostgresNIO

/// `GET /v1/dashboards/portfolio?date=`.
extension ReadModelController {
    func portfolio(_ request: Request, _ context: Context) async throws -> Response {
        _ = try authorizer.authorize(request, scope: .loansRead)
        let query = try ReadQuery(request.uri.queryParameters)
        let latest = try await store.rows("""
            SELECT coalesce(to_jsonb(max(business_date)), 'null'::jsonb)::text FROM portfolio_daily
            """).first?.stringValue
        guard let date = query.date?.description ?? latest else {
            return Self.json(["rows": []], version: nil)
        }
        let afterProduct = try query.cursor?.string("product_code") ?? ""
        let afterCurrency = try query.cursor?.string("currency") ?? ""
        let rows = try await store.rows("""
            SELECT (to_jsonb(p) || jsonb_build_object('par30', p.par30::text, 'par60', p.par60::text,
                    'par90', p.par90::text, 'collection_efficiency', p.collection_efficiency::text))::text
              FROM (SELECT DISTINCT ON (product_code, currency) * FROM portfolio_daily
                     WHERE business_date <= \(date)::date
                     ORDER BY product_code, currency, business_date DESC) AS p
             WHERE (p.product_code, p.currency::text) > (\(afterProduct), \(afterCurrency))
             ORDER BY p.product_code, p.currency LIMIT \(query.limit + 1)
            """)
        let page = Array(rows.prefix(query.limit))
        var body: [String: JSONValue] = [
            "date": .string(date),
            "rows": .array(try page.map { try PortfolioJSON.body($0, requested: date) }),
        ]
        if rows.count > query.limit, let last = page.last, let product = last["product_code"], let currency = last["currency"] {
            body["next_cursor"] = .string(PageCursor(["product_code": product, "currency": currency]).encoded)
        }
        return Self.json(.object(body), version: nil)
    }
}
