/// A deterministic automaton over ASCII built from a ``RegexProgram`` at compile time, for the
/// common case of short ASCII inputs: one table lookup per byte. Inputs with non-ASCII bytes
/// go to the Pike VM instead.
struct RegexDFA: Sendable {
    /// The most states built before giving up (the Pike VM is then used alone).
    static let maxStates = 256

    /// `transitions[state * 128 + byte]`: the next state, or -1 when no thread survives.
    private var transitions: [Int16] = []
    /// The search has found a match on reaching this state.
    private var matchesNow: [Bool] = []
    /// A match exists if the input ends in this state (for `$` and empty tails).
    private var matchesAtEnd: [Bool] = []

    /// Builds the automaton by subset construction.
    ///
    /// - Parameter program: The compiled NFA.
    /// - Returns: `nil` when the automaton would exceed ``maxStates``.
    init?(_ program: RegexProgram) {
        let builder = Builder(program: program)
        var kernels: [[Int]] = [[0]]
        var index: [Key: Int] = [Key(kernel: [0], initial: true): 0]
        var pending = [0]
        transitions = []
        while let state = pending.popLast() {
            let kernel = kernels[state]
            let initial = state == 0
            let (threads, matched) = builder.closure(kernel, atStart: initial, atEnd: false)
            let (_, matchedAtEnd) = builder.closure(kernel, atStart: initial, atEnd: true)
            Self.grow(&matchesNow, to: state + 1, with: false)
            Self.grow(&matchesAtEnd, to: state + 1, with: false)
            Self.grow(&transitions, to: (state + 1) * 128, with: -1)
            matchesNow[state] = matched
            matchesAtEnd[state] = matchedAtEnd || matched
            for byte in 0..<128 {
                var next = threads.filter { builder.accepts($0, UInt32(byte)) }.map { $0 + 1 }
                if !program.anchoredAtStart { next.append(0) }
                next = Array(Set(next)).sorted()
                if next.isEmpty { continue }
                let key = Key(kernel: next, initial: false)
                let target: Int
                if let known = index[key] {
                    target = known
                } else {
                    guard kernels.count < Self.maxStates else { return nil }
                    target = kernels.count
                    kernels.append(next)
                    index[key] = target
                    pending.append(target)
                }
                transitions[state * 128 + byte] = Int16(target)
            }
        }
    }

    private struct Key: Hashable {
        var kernel: [Int]
        var initial: Bool
    }

    private static func grow<T>(_ array: inout [T], to count: Int, with value: T) {
        if array.count < count { array += Array(repeating: value, count: count - array.count) }
    }

    /// Runs the automaton.
    ///
    /// - Parameter bytes: UTF-8 input.
    /// - Returns: Whether the pattern occurs, or `nil` when a non-ASCII byte needs the Pike VM.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var state = 0
        if matchesNow[0] { return true }
        for byte in bytes {
            guard byte < 128 else { return nil }
            let next = Int(transitions[state &* 128 &+ Int(byte)])
            if next < 0 { return false }
            state = next
            if matchesNow[state] { return true }
        }
        return matchesAtEnd[state]
    }
}

extension RegexDFA {
    /// Epsilon closures over the program's instructions.
    private struct Builder {
        let program: RegexProgram

        /// The consuming instructions reachable from `kernel`, and whether `.match` is.
        func closure(_ kernel: [Int], atStart: Bool, atEnd: Bool) -> (threads: [Int], matched: Bool) {
            var seen = Set<Int>()
            var threads: [Int] = []
            var matched = false
            var stack = kernel.reversed() as [Int]
            while let pc = stack.popLast() {
                guard seen.insert(pc).inserted else { continue }
                switch program.instructions[pc] {
                case .match: matched = true
                case .jump(let target): stack.append(target)
                case .split(let first, let second): stack.append(second); stack.append(first)
                case .assertStart: if atStart { stack.append(pc + 1) }
                case .assertEnd: if atEnd { stack.append(pc + 1) }
                case .scalar, .any, .set: threads.append(pc)
                }
            }
            return (threads.sorted(), matched)
        }

        /// Whether the consuming instruction at `pc` accepts the ASCII scalar.
        func accepts(_ pc: Int, _ scalar: UInt32) -> Bool {
            switch program.instructions[pc] {
            case .scalar(let expected): scalar == expected
            case .any: scalar != 0x0A && scalar != 0x0D
            case .set(let index): program.sets[index].contains(scalar)
            default: false
            }
        }
    }
}
