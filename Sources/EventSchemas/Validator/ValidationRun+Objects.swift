/// Object keywords.
extension ValidationRun {
    mutating func checkObject(_ keyword: Keyword, _ members: [String: JSONValue], _ value: JSONValue,
                              _ node: UnsafePointer<CompiledNode>, _ annotations: inout Annotations, track: Bool) -> Bool {
        switch keyword {
        case .minProperties(let minimum) where members.count < minimum:
            fail(node, ["minProperties"], "expected at least \(minimum) properties, found \(members.count)")
        case .maxProperties(let maximum) where members.count > maximum:
            fail(node, ["maxProperties"], "expected at most \(maximum) properties, found \(members.count)")
        case .required(let names):
            var valid = true
            for name in names where members[name] == nil {
                fail(node, ["required"], "missing required property \"\(name)\"")
                valid = false
                if !continuesAfterFailure { return false }
            }
            return valid
        case .dependentRequired(let dependencies, let keyword):
            var valid = true
            for (property, required) in dependencies where members[property] != nil {
                for name in required where members[name] == nil {
                    fail(node, [keyword, property],
                         "property \"\(name)\" is required when \"\(property)\" is present")
                    valid = false
                    if !continuesAfterFailure { return false }
                }
            }
            return valid
        case .properties(let table):
            return checkProperties(table, members, node, &annotations, track: track)
        case .propertyNames(let child):
            var valid = true
            for name in members.keys where !evaluateChild(child, .string(name), key: name) {
                valid = false
                if !continuesAfterFailure { return false }
            }
            return valid
        case .dependentSchemas(let dependencies):
            var valid = true
            for (property, child) in dependencies where members[property] != nil {
                if !evaluate(child, value, &annotations, track: track) {
                    valid = false
                    if !continuesAfterFailure { return false }
                }
            }
            return valid
        case .unevaluatedProperties(let child):
            var valid = true
            if !annotations.allProperties {
                for (name, member) in members where !annotations.covers(property: name) {
                    let accepted: Bool
                    if isFalseSchema(child) {
                        reject(child, .key(name), "property \"\(name)\" is not allowed (unevaluatedProperties is false)")
                        accepted = false
                    } else {
                        accepted = evaluateChild(child, member, key: name)
                    }
                    if !accepted {
                        valid = false
                        if !continuesAfterFailure { return false }
                    }
                }
            }
            if track { annotations.allProperties = true }
            return valid
        default:
            return true
        }
        return false
    }

    /// `properties`, `patternProperties` and `additionalProperties` in one pass over the members.
    private mutating func checkProperties(_ table: PropertyTable, _ members: [String: JSONValue],
                                          _ node: UnsafePointer<CompiledNode>, _ annotations: inout Annotations,
                                          track: Bool) -> Bool {
        var valid = true
        var requiredPresent = 0
        for (name, member) in members {
            var matched = false
            if let (child, required) = table.named.lookup(name) {
                matched = true
                if required { requiredPresent += 1 }
                if !evaluateChild(child, member, key: name) {
                    valid = false
                    if !continuesAfterFailure { return false }
                }
            }
            for (pattern, child) in table.patterns where pattern.matches(name) {
                matched = true
                if !evaluateChild(child, member, key: name) {
                    valid = false
                    if !continuesAfterFailure { return false }
                }
            }
            if matched {
                if track { annotations.insert(property: name) }
            } else if let additional = table.additional {
                let accepted: Bool
                if isFalseSchema(additional) {
                    reject(additional, .key(name), "property \"\(name)\" is not allowed (additionalProperties is false)")
                    accepted = false
                } else {
                    accepted = evaluateChild(additional, member, key: name)
                }
                if !accepted {
                    valid = false
                    if !continuesAfterFailure { return false }
                }
            }
        }
        if track, table.additional != nil { annotations.allProperties = true }
        if requiredPresent < table.required.count {
            for name in table.required where members[name] == nil {
                fail(node, ["required"], "missing required property \"\(name)\"")
                if !continuesAfterFailure { return false }
            }
            return false
        }
        return valid
    }
}
