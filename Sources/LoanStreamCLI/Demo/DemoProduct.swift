import EventSchemas
import Lending

/// The products of the demo portfolio: two personal loans and a business loan in INR, and a small
/// USD book, so the dashboard has more than one product and currency.
struct DemoProduct: Sendable {
    var code: String
    var currency: Currency
    var annualRate: String
    var tenure: Int
    /// Principal amounts the demo draws from, in major units.
    var amounts: [Int64]

    static let all: [DemoProduct] = [
        DemoProduct(code: "PL-12M", currency: .INR, annualRate: "0.14", tenure: 12, amounts: [50_000, 75_000, 100_000, 150_000]),
        DemoProduct(code: "PL-24M", currency: .INR, annualRate: "0.16", tenure: 24, amounts: [100_000, 200_000, 300_000]),
        DemoProduct(code: "BL-18M", currency: .INR, annualRate: "0.18", tenure: 18, amounts: [250_000, 500_000]),
        DemoProduct(code: "SME-USD-12M", currency: .USD, annualRate: "0.11", tenure: 12, amounts: [5_000, 10_000, 20_000]),
    ]

    /// The product of the `index`th loan: mostly personal loans, one in ten a business loan, one in twenty in USD.
    static func of(loan index: Int) -> DemoProduct {
        switch index % 20 {
        case 0: all[3]
        case 1, 11: all[2]
        case 2, 5, 8, 13, 16, 19: all[1]
        default: all[0]
        }
    }

    func money(major: Int64) -> JSONValue {
        DemoProduct.money(Money(minorUnits: major * currency.minorPerMajor, currency: currency))
    }

    static func money(_ money: Money) -> JSONValue {
        ["amount": .string(money.decimalString), "currency": .string(money.currency.code)]
    }

    /// The sanction's terms: EMI, monthly, 1 % processing fee, a late fee after 5 days, 90 days to
    /// NPA and write-off from 90 days past due (an unsecured-lending policy).
    var terms: JSONValue {
        [
            "code": .string(code), "currency": .string(currency.code), "annual_rate": .string(annualRate),
            "interest_method": "emi", "interest_basis": "periodic", "day_count": "act365f", "frequency": "monthly",
            "tenure": .number(JSONNumber(tenure)), "grace_periods": 0, "rounding": "half_even",
            "processing_fee": ["kind": "percent", "rate": "0.01"], "processing_fee_collection": "deducted_from_disbursement",
            "late_fee": ["fee": ["kind": "flat", "amount": money(major: currency == .USD ? 15 : 500)], "grace_days": 5],
            "penalty_rate": "0.02",
            "allocation": ["order": ["penalty", "fees", "interest", "principal"], "strategy": "installment_first"],
            "prepayment": "reduce_tenure", "excess_application": "hold_for_installments",
            "delinquency": [
                "buckets": [
                    ["name": "current", "from_days": 0], ["name": "dpd-1-30", "from_days": 1], ["name": "dpd-31-60", "from_days": 31],
                    ["name": "dpd-61-90", "from_days": 61], ["name": "dpd-90-plus", "from_days": 91],
                ],
                "npa_from_days": 90,
            ],
            "write_off": ["min_days_past_due": 90, "requires_npa": true],
        ]
    }
}
