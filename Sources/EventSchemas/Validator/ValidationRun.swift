/// One validation of one instance: the walk over compiled nodes plus the state it needs.
///
/// In collecting mode every failing keyword records a ``ValidationError`` (up to the limit);
/// in fast mode (``CompiledSchema/isValid(_:)``) nothing is recorded and the walk stops at the
/// first failure. Instance paths are tracked only while recording, so the success path builds
/// no strings.
struct ValidationRun {
    /// The most subschema evaluations nested at one instance location: more means the schema
    /// recurses without consuming the instance (`{"$ref": "#"}`).
    static let maxDepthWithoutDescent = 256
    /// The most nested subschema evaluations overall, a bound on stack use (instances nest at
    /// most 512 deep, see ``JSONParser/maxDepth``, at a few nodes per level).
    static let maxDepth = 4_096

    let program: CompiledProgram
    let nodes: UnsafeBufferPointer<CompiledNode>
    let collecting: Bool
    let maxErrors: Int
    var errors: [ValidationError] = []
    /// Greater than zero inside branches whose failures are not errors (anyOf, not, if, …).
    var quiet = 0
    var path: [PathToken] = []
    /// Resources entered, outermost first: the dynamic scope of `$dynamicRef`.
    var scope: [Int] = []
    var depth = 0
    /// Nested evaluations since the instance location last moved down.
    var depthWithoutDescent = 0
    /// The stack address where the validation started, to bound stack use (see ``stackBudget``).
    var stackBase: UInt = 0
    /// The most stack bytes a validation may use below its entry point. Validations often run
    /// on cooperative-pool threads with 512 KiB stacks (whose async callers keep their frames on
    /// the heap); an instance nested deeper than this allows is reported as an error rather than
    /// overflowing the stack. In a release build this is roughly 100 levels of a recursive schema.
    static let stackBudget: UInt = 320 * 1024
    /// The nodes entered while recording, root first, to rebuild the evaluation path
    /// (`keywordLocation`) of an error; how each was entered (see ``Entry``).
    var trail: [(node: Int32, entry: Entry)] = []
    /// How the next evaluated node is entered; set by `$ref`/`$dynamicRef` just before.
    var pendingEntry = Entry.subschema

    /// How a node was reached from the node before it in ``trail``.
    enum Entry: UInt8 {
        /// A subschema inside the previous node (`properties/x`, `allOf/0`, …).
        case subschema
        /// Through the previous node's `$ref`.
        case reference
        /// Through the previous node's `$dynamicRef`.
        case dynamicReference
    }

    init(program: CompiledProgram, nodes: UnsafeBufferPointer<CompiledNode>, collecting: Bool, maxErrors: Int) {
        self.program = program
        self.nodes = nodes
        self.collecting = collecting
        self.maxErrors = maxErrors
    }

    /// Whether failures are being recorded right now.
    var recording: Bool { collecting && quiet == 0 }

    /// Whether to keep evaluating after a failure (only to find more errors).
    var continuesAfterFailure: Bool { recording && errors.count < maxErrors }

    /// Evaluates node `index` against `value`.
    ///
    /// - Parameters:
    ///   - index: The node.
    ///   - value: The instance at the current path.
    ///   - annotations: Where evaluated properties/items are added when `track` is set.
    ///   - track: Whether an enclosing `unevaluated*` needs this node's annotations.
    /// - Returns: Whether the instance is valid.
    mutating func evaluate(_ index: Int, _ value: JSONValue, _ annotations: inout Annotations, track: Bool) -> Bool {
        let node = nodes.baseAddress! + index
        if node.pointee.keywords.isEmpty { return true }
        depth += 1
        depthWithoutDescent += 1
        defer {
            depth -= 1
            depthWithoutDescent -= 1
        }
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        if stackBase == 0 { stackBase = here }
        guard stackBase &- here < Self.stackBudget else {
            fail(node, [], "the value is nested too deeply to validate within \(Self.stackBudget / 1024) KiB of stack")
            return false
        }
        guard depthWithoutDescent <= Self.maxDepthWithoutDescent, depth <= Self.maxDepth else {
            fail(node, [], "schema recursion deeper than \(Self.maxDepthWithoutDescent) levels without consuming the instance"
                + " (or \(Self.maxDepth) levels in all)")
            return false
        }
        let entry = pendingEntry
        pendingEntry = .subschema
        let traced = recording
        if traced { trail.append((Int32(index), entry)) }
        defer { if traced { trail.removeLast() } }
        let resource = node.pointee.resource
        let entered = scope.last != resource
        if entered { scope.append(resource) }
        defer { if entered { scope.removeLast() } }
        if node.pointee.needsAnnotations {
            var local = Annotations()
            let valid = evaluateKeywords(node, value, &local, track: true)
            if track && valid { annotations.merge(local) }
            return valid
        }
        return evaluateKeywords(node, value, &annotations, track: track)
    }

    private mutating func evaluateKeywords(_ node: UnsafePointer<CompiledNode>, _ value: JSONValue,
                                           _ annotations: inout Annotations, track: Bool) -> Bool {
        var valid = true
        for keyword in node.pointee.keywords {
            if !check(keyword, node, value, &annotations, track: track) {
                valid = false
                if !continuesAfterFailure { return false }
            }
        }
        return valid
    }

    /// Evaluates a subschema at the child instance location `/key`.
    ///
    /// The key is passed as a plain string (not a ``PathToken``) so the success path of the
    /// fast mode neither retains it nor touches the path.
    mutating func evaluateChild(_ index: Int, _ value: JSONValue, key: String) -> Bool {
        let saved = depthWithoutDescent
        depthWithoutDescent = 0
        defer { depthWithoutDescent = saved }
        var ignored = Annotations()
        guard recording else { return evaluate(index, value, &ignored, track: false) }
        path.append(.key(key))
        defer { path.removeLast() }
        return evaluate(index, value, &ignored, track: false)
    }

    /// Evaluates a subschema at the child instance location `/index`.
    mutating func evaluateChild(_ index: Int, _ value: JSONValue, index position: Int) -> Bool {
        let saved = depthWithoutDescent
        depthWithoutDescent = 0
        defer { depthWithoutDescent = saved }
        var ignored = Annotations()
        guard recording else { return evaluate(index, value, &ignored, track: false) }
        path.append(.index(position))
        defer { path.removeLast() }
        return evaluate(index, value, &ignored, track: false)
    }

    /// Evaluates a subschema whose failure is not itself an error (a branch of anyOf, `not`, …).
    mutating func evaluateQuietly(_ index: Int, _ value: JSONValue, _ annotations: inout Annotations, track: Bool) -> Bool {
        quiet += 1
        defer { quiet -= 1 }
        return evaluate(index, value, &annotations, track: track)
    }

    /// Records an error at the current instance location, when recording.
    ///
    /// - Parameters:
    ///   - node: The node whose keyword failed.
    ///   - keyword: The keyword's tokens below the node, e.g. `["properties", "amount"]`.
    ///   - message: The readable reason, built only when recorded.
    mutating func fail(_ node: UnsafePointer<CompiledNode>, _ keyword: [String], _ message: @autoclosure () -> String) {
        guard recording, errors.count < maxErrors else { return }
        errors.append(ValidationError(
            instanceLocation: JSONPointer(tokens: path.map(\.text)),
            keywordLocation: JSONPointer(tokens: evaluationPath(to: node) + keyword),
            message: message(),
            schemaURI: program.documentURIs[node.pointee.document],
            schemaLocation: JSONPointer(tokens: node.pointee.location + keyword)))
    }

    /// The evaluation path from the root schema to `node`: each step is the subschema's
    /// location relative to its parent, or `$ref`/`$dynamicRef` where a reference was followed.
    private func evaluationPath(to node: UnsafePointer<CompiledNode>) -> [String] {
        var tokens: [String] = []
        var previous: [String]?
        for step in trail {
            let location = nodes[Int(step.node)].location
            tokens += Self.step(from: previous, to: location, entry: step.entry)
            previous = location
        }
        if let last = trail.last, nodes.baseAddress! + Int(last.node) != node {
            tokens += Self.step(from: previous, to: node.pointee.location, entry: .subschema)
        }
        return tokens
    }

    private static func step(from parent: [String]?, to location: [String], entry: Entry) -> [String] {
        switch entry {
        case .reference: return ["$ref"]
        case .dynamicReference: return ["$dynamicRef"]
        case .subschema:
            guard let parent else { return [] }
            guard location.count >= parent.count, Array(location[..<parent.count]) == parent else { return location }
            return Array(location[parent.count...])
        }
    }

    /// Records a `false`-schema subschema's rejection of a child with a specific message, at
    /// the child's instance location and the subschema's keyword location, without evaluating.
    ///
    /// - Parameters:
    ///   - child: The `false` subschema node.
    ///   - token: The child's key or index.
    ///   - message: The readable reason.
    mutating func reject(_ child: Int, _ token: PathToken, _ message: @autoclosure () -> String) {
        guard recording, errors.count < maxErrors else { return }
        path.append(token)
        defer { path.removeLast() }
        fail(nodes.baseAddress! + child, [], message())
    }

    /// Whether node `index` is the `false` schema (for clearer messages than "false schema").
    func isFalseSchema(_ index: Int) -> Bool {
        if case .falseSchema? = nodes[index].keywords.first { return true }
        return false
    }
}
