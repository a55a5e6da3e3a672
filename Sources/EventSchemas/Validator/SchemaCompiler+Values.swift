/// Reading and checking keyword values while compiling.
extension SchemaCompiler {
    /// A `type` value: one name or an array of names.
    func typeSet(_ value: JSONValue, _ context: KeywordContext) throws -> TypeSet {
        switch value {
        case .string(let name):
            guard let set = TypeSet.named(name) else { throw context.error("type", "unknown type \"\(name)\"") }
            return set
        case .array(let names):
            var set: TypeSet = []
            for case .string(let name) in names {
                guard let one = TypeSet.named(name) else { throw context.error("type", "unknown type \"\(name)\"") }
                set.insert(one)
            }
            return set
        default:
            throw context.error("type", "type must be a string or an array of strings")
        }
    }

    /// A non-negative integer keyword value (`2` and `2.0` both accepted).
    func count(_ value: JSONValue, _ keyword: String, _ context: KeywordContext) throws -> Int {
        guard case .number(let number) = value, number.isInteger, number.double >= 0 else {
            throw context.error(keyword, "\(keyword) must be a non-negative integer")
        }
        return number.int64.map { Int(clamping: $0) } ?? Int.max
    }

    /// An array of strings (`required`, `dependentRequired` values).
    func strings(_ value: JSONValue, _ keyword: String, _ context: KeywordContext) throws -> [String] {
        guard case .array(let items) = value else { throw context.error(keyword, "\(keyword) must be an array of strings") }
        return try items.map {
            guard case .string(let name) = $0 else { throw context.error(keyword, "\(keyword) must contain only strings") }
            return name
        }
    }

    /// A compiled regular expression.
    func pattern(_ value: JSONValue, _ context: KeywordContext, _ keyword: String) throws -> SchemaPattern {
        guard case .string(let source) = value else { throw context.error(keyword, "\(keyword) must be a string") }
        do {
            return try SchemaPattern(source)
        } catch {
            throw context.error(keyword, "invalid regular expression \"\(source)\"")
        }
    }
}
