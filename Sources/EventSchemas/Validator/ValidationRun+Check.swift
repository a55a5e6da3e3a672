/// Dispatch of one keyword, and the keywords that look only at the instance value itself.
extension ValidationRun {
    /// Evaluates one keyword of `node` against `value`.
    mutating func check(_ keyword: Keyword, _ node: UnsafePointer<CompiledNode>, _ value: JSONValue,
                        _ annotations: inout Annotations, track: Bool) -> Bool {
        switch keyword {
        case .falseSchema:
            fail(node, [], "no value is allowed here (the schema is false)")
            return false
        case .type(let types):
            guard types.admits(value) else {
                fail(node, ["type"], "expected \(types.names), found \(value.typeName)")
                return false
            }
            return true
        case .const(let expected):
            guard value == expected else {
                fail(node, ["const"], "expected the constant \(expected.serialized()), found \(Self.abbreviated(value))")
                return false
            }
            return true
        case .enumeration(let options):
            guard options.contains(value) else {
                fail(node, ["enum"], "\(Self.abbreviated(value)) is not one of \(Self.abbreviated(.array(options)))")
                return false
            }
            return true
        case .minimum, .maximum, .exclusiveMinimum, .exclusiveMaximum, .multipleOf:
            guard case .number(let number) = value else { return true }
            return checkNumber(keyword, number, node)
        case .minLength, .maxLength, .pattern, .format:
            guard case .string(let string) = value else { return true }
            return checkString(keyword, string, node)
        case .minItems, .maxItems, .uniqueItems, .items, .contains, .unevaluatedItems:
            guard case .array(let items) = value else { return true }
            return checkArray(keyword, items, node, &annotations, track: track)
        case .minProperties, .maxProperties, .required, .dependentRequired, .properties, .propertyNames,
            .dependentSchemas, .unevaluatedProperties:
            guard case .object(let members) = value else { return true }
            return checkObject(keyword, members, value, node, &annotations, track: track)
        case .allOf, .anyOf, .oneOf, .not, .conditional, .ref, .dynamicRef:
            return checkApplicator(keyword, value, node, &annotations, track: track)
        }
    }

    private mutating func checkNumber(_ keyword: Keyword, _ number: JSONNumber, _ node: UnsafePointer<CompiledNode>) -> Bool {
        if keyword.holds(forNumber: number) { return true }
        switch keyword {
        case .minimum(let bound): fail(node, ["minimum"], "\(number) is less than the minimum \(bound)")
        case .maximum(let bound): fail(node, ["maximum"], "\(number) is greater than the maximum \(bound)")
        case .exclusiveMinimum(let bound): fail(node, ["exclusiveMinimum"], "\(number) is not greater than \(bound)")
        case .exclusiveMaximum(let bound): fail(node, ["exclusiveMaximum"], "\(number) is not less than \(bound)")
        case .multipleOf(let divisor): fail(node, ["multipleOf"], "\(number) is not a multiple of \(divisor)")
        default: break
        }
        return false
    }

    /// Exact for integers; for fractions, a quotient within 1e-9 (relative) of an integer counts.
    static func isMultiple(_ number: JSONNumber, of divisor: JSONNumber) -> Bool {
        if let value = number.int64, let step = divisor.int64 { return value % step == 0 }
        let quotient = number.double / divisor.double
        guard quotient.isFinite else {
            // Overflow: an integer is still a multiple of 1/k for whole k (e.g. 1e308 of 0.5).
            let reciprocal = 1 / divisor.double
            return number.isInteger && reciprocal.isFinite && reciprocal.rounded() == reciprocal
        }
        return abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }

    private mutating func checkString(_ keyword: Keyword, _ string: String, _ node: UnsafePointer<CompiledNode>) -> Bool {
        switch keyword {
        case .minLength(let minimum):
            // Length counts Unicode code points; the UTF-8 byte count bounds it from above.
            if string.utf8.count >= minimum, string.utf8.count < 4 * minimum ? string.unicodeScalars.count >= minimum : true {
                return true
            }
            fail(node, ["minLength"], "\(Self.abbreviated(.string(string))) is shorter than \(minimum) characters")
        case .maxLength(let maximum):
            if string.utf8.count <= maximum || string.unicodeScalars.count <= maximum { return true }
            fail(node, ["maxLength"], "\(Self.abbreviated(.string(string))) is longer than \(maximum) characters")
        case .pattern(let pattern):
            if pattern.matches(string) { return true }
            fail(node, ["pattern"], "\(Self.abbreviated(.string(string))) does not match the pattern \(pattern.source)")
        case .format(let format):
            if format.accepts(string) { return true }
            fail(node, ["format"], "\(Self.abbreviated(.string(string))) is not a valid \(format.rawValue)")
        default:
            return true
        }
        return false
    }

    /// A value for a message, cut to a readable length.
    static func abbreviated(_ value: JSONValue) -> String {
        let text = value.serialized()
        return text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }
}
