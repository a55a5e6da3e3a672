import EventSchemas
import Lending

/// The API form of a `portfolio_daily` row: counts by status, outstanding, buckets, PAR and the
/// day's flows. A row from an earlier date (nothing happened that day) keeps its stock figures
/// and reports zero flows for the requested date.
enum PortfolioJSON {
    static let statuses = ["draft", "submitted", "referred", "approved", "declined", "sanctioned", "disbursing",
                           "active", "written_off", "closed"]
    static let buckets = [("current", "current"), ("1-30", "1_30"), ("31-60", "31_60"), ("61-90", "61_90"),
                          ("90+", "90_plus")]

    static func body(_ row: JSONValue, requested date: String) throws -> JSONValue {
        let code = (row["currency"]?.stringValue ?? "").trimmingCharacters(in: .whitespaces)
        guard let currency = try? Currency(code: code) else {
            throw ReadModelError(reason: "a portfolio row has the unknown currency '\(code)'")
        }
        func units(_ column: String) -> Int64 { row[column]?.numberValue?.int64 ?? 0 }
        func money(_ column: String) -> JSONValue { ReadModelJSON.money(units(column), currency) }
        func count(_ column: String) -> JSONValue { .number(JSONNumber(units(column))) }
        let sameDay = row["business_date"]?.stringValue == date
        let components = ["principal", "interest", "fees", "penalty"]
        var outstanding: [String: JSONValue] = [:]
        for component in components { outstanding[component] = money("outstanding_\(component)_minor") }
        outstanding["total"] = ReadModelJSON.money(components.reduce(0) { $0 + units("outstanding_\($1)_minor") }, currency)
        var byStatus: [String: JSONValue] = [:]
        for status in statuses { byStatus[status] = count("loans_\(status)") }
        let bucketRows: [JSONValue] = buckets.map { (name, column) -> JSONValue in
            ["bucket": .string(name), "count": count("bucket_\(column)_count"), "principal": money("bucket_\(column)_minor")]
        }
        let zero = ReadModelJSON.money(0, currency)
        var body: [String: JSONValue] = [
            "business_date": .string(date),
            "figures_date": row["business_date"] ?? .string(date),
            "product_code": row["product_code"] ?? "",
            "currency": .string(currency.code),
            "loans_by_status": .object(byStatus),
            "outstanding": .object(outstanding),
            "buckets": .array(bucketRows),
            "disbursed_count": sameDay ? count("disbursed_count") : .number(JSONNumber(0)),
            "disbursed": sameDay ? money("disbursed_minor") : zero,
            "collected": sameDay ? money("collected_minor") : zero,
            "due": sameDay ? money("due_minor") : zero,
        ]
        for threshold in [30, 60, 90] {
            body["par\(threshold)"] = row["par\(threshold)"] ?? "0"
            body["par\(threshold)_principal"] = money("par\(threshold)_minor")
        }
        if sameDay, let efficiency = row["collection_efficiency"], !efficiency.isNull {
            body["collection_efficiency"] = efficiency
        }
        return .object(body)
    }
}
