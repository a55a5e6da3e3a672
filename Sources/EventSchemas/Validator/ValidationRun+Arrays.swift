/// Array keywords.
extension ValidationRun {
    mutating func checkArray(_ keyword: Keyword, _ items: [JSONValue], _ node: UnsafePointer<CompiledNode>,
                             _ annotations: inout Annotations, track: Bool) -> Bool {
        switch keyword {
        case .minItems(let minimum) where items.count < minimum:
            fail(node, ["minItems"], "expected at least \(minimum) items, found \(items.count)")
        case .maxItems(let maximum) where items.count > maximum:
            fail(node, ["maxItems"], "expected at most \(maximum) items, found \(items.count)")
        case .uniqueItems:
            if let (first, second) = Self.duplicate(in: items) {
                fail(node, ["uniqueItems"], "items \(first) and \(second) are equal; items must be unique")
                return false
            }
            return true
        case .items(let table):
            return checkItems(table, items, node, &annotations, track: track)
        case .contains(let child, let minimum, let maximum):
            return checkContains(child, minimum, maximum, items, node, &annotations, track: track)
        case .unevaluatedItems(let child):
            var valid = true
            for (index, item) in items.enumerated() where !annotations.covers(item: index) {
                let accepted: Bool
                if isFalseSchema(child) {
                    reject(child, .index(index), "item \(index) is not allowed (unevaluatedItems is false)")
                    accepted = false
                } else {
                    accepted = evaluateChild(child, item, index: index)
                }
                if !accepted {
                    valid = false
                    if !continuesAfterFailure { return false }
                }
            }
            if track { annotations.allItems = true }
            return valid
        default:
            return true
        }
        return false
    }

    private mutating func checkItems(_ table: ItemTable, _ items: [JSONValue], _ node: UnsafePointer<CompiledNode>,
                                     _ annotations: inout Annotations, track: Bool) -> Bool {
        var valid = true
        let prefixCount = min(items.count, table.prefix.count)
        for index in 0..<prefixCount where !evaluateChild(table.prefix[index], items[index], index: index) {
            valid = false
            if !continuesAfterFailure { return false }
        }
        if let rest = table.rest, items.count > table.prefix.count {
            let restIsFalse = isFalseSchema(rest)
            for index in table.prefix.count..<items.count {
                if restIsFalse {
                    reject(rest, .index(index), "item \(index) is not allowed: at most \(table.prefix.count) items")
                } else if evaluateChild(rest, items[index], index: index) {
                    continue
                }
                valid = false
                if !continuesAfterFailure { return false }
            }
            if track { annotations.allItems = true }
        }
        if track { annotations.itemPrefix = max(annotations.itemPrefix, prefixCount) }
        return valid
    }

    private mutating func checkContains(_ child: Int, _ minimum: Int, _ maximum: Int?, _ items: [JSONValue],
                                        _ node: UnsafePointer<CompiledNode>, _ annotations: inout Annotations, track: Bool) -> Bool {
        var matches = 0
        let needsAll = track || maximum != nil
        for (index, item) in items.enumerated() {
            var ignored = Annotations()
            if evaluateQuietly(child, item, &ignored, track: false) {
                matches += 1
                if track { annotations.insert(item: index) }
                if !needsAll, matches >= minimum { return true }
            }
        }
        if matches < minimum {
            fail(node, ["contains"], minimum == 1 ? "no item matches the contains schema"
                : "\(matches) items match the contains schema, expected at least \(minimum) (minContains)")
            return false
        }
        if let maximum, matches > maximum {
            fail(node, ["maxContains"], "\(matches) items match the contains schema, expected at most \(maximum)")
            return false
        }
        return true
    }

    /// The indices of the first two equal items, if any.
    static func duplicate(in items: [JSONValue]) -> (Int, Int)? {
        if items.count <= 16 {
            for first in items.indices {
                for second in (first + 1)..<items.count where items[first] == items[second] { return (first, second) }
            }
            return nil
        }
        var seen: [JSONValue: Int] = [:]
        for (index, item) in items.enumerated() {
            if let earlier = seen.updateValue(index, forKey: item) { return (earlier, index) }
        }
        return nil
    }
}
