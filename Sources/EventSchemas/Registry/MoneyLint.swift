/// Money is `{"amount": "<decimal string>", "currency": "XXX"}`, never a JSON number (binary
/// floats lose cents). Flags money-named fields typed as numbers and money objects whose
/// `amount` is not a string, anywhere in the schema (including `$defs`).
enum MoneyLint {
    private static let moneyNames: Set<String> = ["amount", "principal", "balance", "fee", "fees", "interest",
                                                  "penalty", "outstanding", "emi", "price", "total"]
    private static let moneySuffixes = ["_amount", "_principal", "_balance", "_fee", "_fees", "_interest",
                                        "_penalty", "_outstanding", "_total"]
    private static let mapKeywords: Set<String> = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
    private static let dataKeywords: Set<String> = ["enum", "const", "default", "examples", "required"]

    static func check(_ file: EventSchemaFile) -> [LintProblem] {
        var problems: [LintProblem] = []
        walk(file.schema, path: [], file: file, into: &problems)
        return problems
    }

    private static func walk(_ schema: JSONValue, path: [String], file: EventSchemaFile, into problems: inout [LintProblem]) {
        switch schema {
        case .object(let members):
            if case .object(let properties)? = members["properties"] {
                for (name, property) in properties.sorted(by: { $0.key < $1.key }) {
                    inspect(name, property, path: path + ["properties", name], file: file, into: &problems)
                }
            }
            for (keyword, value) in members.sorted(by: { $0.key < $1.key }) where !dataKeywords.contains(keyword) {
                if mapKeywords.contains(keyword), case .object(let map) = value {
                    for (name, child) in map.sorted(by: { $0.key < $1.key }) {
                        walk(child, path: path + [keyword, name], file: file, into: &problems)
                    }
                } else {
                    walk(value, path: path + [keyword], file: file, into: &problems)
                }
            }
        case .array(let items):
            for (index, item) in items.enumerated() {
                walk(item, path: path + [String(index)], file: file, into: &problems)
            }
        default:
            break
        }
    }

    private static func inspect(_ name: String, _ property: JSONValue, path: [String], file: EventSchemaFile,
                                into problems: inout [LintProblem]) {
        let resolved = LocalReference.resolve(property, in: file.schema) ?? property
        if isMoneyName(name), isNumeric(resolved) {
            problems.append(LintProblem(.moneyAsNumber, file.path, path,
                                        "\"\(name)\" is money typed as a JSON number; use {\"amount\": \"<decimal string>\", \"currency\": \"XXX\"}"))
        }
        if case .object(let fields)? = resolved["properties"], let amount = fields["amount"], fields["currency"] != nil {
            let amountSchema = LocalReference.resolve(amount, in: file.schema) ?? amount
            // A numeric amount is already reported by the name rule when `fields` is walked.
            if amountSchema["type"] != .string("string"), !isNumeric(amountSchema) {
                problems.append(LintProblem(.moneyAsNumber, file.path, path + ["properties", "amount"],
                                            "money amount must be \"type\": \"string\" (a decimal string), never a JSON number"))
            }
        }
    }

    private static func isMoneyName(_ name: String) -> Bool {
        moneyNames.contains(name) || moneySuffixes.contains(where: name.hasSuffix)
    }

    private static func isNumeric(_ schema: JSONValue) -> Bool {
        switch schema["type"] {
        case .string(let type)?: return type == "number" || type == "integer"
        case .array(let types)?: return types.contains("number") || types.contains("integer")
        default: return false
        }
    }
}
