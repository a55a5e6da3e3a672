/// A compiled regular expression run as a Pike VM (Thompson NFA simulation) over UTF-8.
///
/// Only "does the pattern occur anywhere" is answered, so greedy and lazy quantifiers are
/// the same and no captures are kept. Time is linear in the input for a given pattern: no
/// catastrophic backtracking. No allocation per match for programs up to a few hundred
/// instructions (thread lists live in stack-allocated scratch space).
struct RegexProgram: Sendable {
    enum Instruction: Sendable {
        case scalar(UInt32)
        case any
        case set(Int)
        case split(Int, Int)
        case jump(Int)
        case assertStart
        case assertEnd
        case match
    }

    /// The most instructions a program may have (counted repetitions are expanded).
    static let maxInstructions = 2_000

    private(set) var instructions: [Instruction] = []
    private(set) var sets: [RegexCharSet] = []
    /// Whether the pattern can only match at the start of the input (leading `^`).
    private(set) var anchoredAtStart = false
    /// The ASCII automaton, when it stays small.
    private(set) var dfa: RegexDFA?

    /// Compiles a pattern.
    ///
    /// - Parameter pattern: ECMA-262 source in the supported subset.
    /// - Throws: ``RegexUnsupported`` outside the subset or when the program would be too large.
    init(_ pattern: String) throws {
        let tree = try RegexParser.parse(pattern)
        if case .start = tree { anchoredAtStart = true }
        if case .sequence(let items) = tree, case .start? = items.first { anchoredAtStart = true }
        try emit(tree)
        instructions.append(.match)
        dfa = RegexDFA(self)
    }

    private mutating func emit(_ node: RegexNode) throws {
        guard instructions.count < Self.maxInstructions else { throw RegexUnsupported() }
        switch node {
        case .empty: break
        case .scalar(let value): instructions.append(.scalar(value))
        case .any: instructions.append(.any)
        case .set(let set):
            sets.append(set)
            instructions.append(.set(sets.count - 1))
        case .start: instructions.append(.assertStart)
        case .end: instructions.append(.assertEnd)
        case .sequence(let items): for item in items { try emit(item) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (offset, branch) in branches.enumerated() {
                if offset < branches.count - 1 {
                    let split = instructions.count
                    instructions.append(.split(split + 1, 0))
                    try emit(branch)
                    jumps.append(instructions.count)
                    instructions.append(.jump(0))
                    instructions[split] = .split(split + 1, instructions.count)
                } else {
                    try emit(branch)
                }
            }
            for jump in jumps { instructions[jump] = .jump(instructions.count) }
        case .repetition(let inner, let minimum, let maximum):
            for _ in 0..<minimum { try emit(inner) }
            if let maximum {
                // Optional copies: split(next, end) before each.
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    splits.append(instructions.count)
                    instructions.append(.split(0, 0))
                    try emit(inner)
                }
                for split in splits { instructions[split] = .split(split + 1, instructions.count) }
            } else {
                let loop = instructions.count
                instructions.append(.split(loop + 1, 0))
                try emit(inner)
                instructions.append(.jump(loop))
                instructions[loop] = .split(loop + 1, instructions.count)
            }
        }
    }
}
