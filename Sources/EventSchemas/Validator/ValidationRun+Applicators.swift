/// In-place applicators: references, boolean combinations and conditionals.
extension ValidationRun {
    mutating func checkApplicator(_ keyword: Keyword, _ value: JSONValue, _ node: UnsafePointer<CompiledNode>,
                                  _ annotations: inout Annotations, track: Bool) -> Bool {
        switch keyword {
        case .ref(let target):
            if recording { pendingEntry = .reference }
            return evaluate(target, value, &annotations, track: track)
        case .dynamicRef(let target, let anchor):
            if recording { pendingEntry = .dynamicReference }
            return evaluate(dynamicTarget(target, anchor: anchor), value, &annotations, track: track)
        case .allOf(let branches):
            var valid = true
            for branch in branches where !evaluate(branch, value, &annotations, track: track) {
                valid = false
                if !continuesAfterFailure { return false }
            }
            return valid
        case .anyOf(let branches):
            var matched = false
            for branch in branches {
                var branchAnnotations = Annotations()
                if evaluateQuietly(branch, value, &branchAnnotations, track: track) {
                    matched = true
                    guard track else { return true }
                    annotations.merge(branchAnnotations)
                }
            }
            if !matched { fail(node, ["anyOf"], "the value matches none of the \(branches.count) schemas in anyOf") }
            return matched
        case .oneOf(let branches):
            var matches: [Int] = []
            var matchedAnnotations = Annotations()
            for (offset, branch) in branches.enumerated() {
                var branchAnnotations = Annotations()
                if evaluateQuietly(branch, value, &branchAnnotations, track: track) {
                    matches.append(offset)
                    matchedAnnotations = branchAnnotations
                    if matches.count > 1 { break }
                }
            }
            guard matches.count == 1 else {
                fail(node, ["oneOf"], matches.isEmpty ? "the value matches none of the \(branches.count) schemas in oneOf"
                    : "the value matches more than one schema in oneOf (\(matches.map(String.init).joined(separator: " and ")))")
                return false
            }
            if track { annotations.merge(matchedAnnotations) }
            return true
        case .not(let child):
            var ignored = Annotations()
            if evaluateQuietly(child, value, &ignored, track: false) {
                fail(node, ["not"], "the value must not match the schema in not")
                return false
            }
            return true
        case .conditional(let condition, let thenNode, let elseNode):
            if thenNode == nil, elseNode == nil, !track { return true }
            var conditionAnnotations = Annotations()
            if evaluateQuietly(condition, value, &conditionAnnotations, track: track) {
                if track { annotations.merge(conditionAnnotations) }
                guard let thenNode else { return true }
                return evaluate(thenNode, value, &annotations, track: track)
            }
            guard let elseNode else { return true }
            return evaluate(elseNode, value, &annotations, track: track)
        default:
            return true
        }
    }

    /// The node a `$dynamicRef` lands on: the outermost resource in the dynamic scope that
    /// defines the anchor, else the statically resolved target.
    private func dynamicTarget(_ target: Int, anchor: String?) -> Int {
        guard let anchor else { return target }
        for resource in scope {
            if let dynamic = program.dynamicAnchors[resource][anchor] { return dynamic }
        }
        return target
    }
}
