/// The Pike VM.
extension RegexProgram {
    /// Whether the pattern occurs somewhere in `string`.
    ///
    /// - Parameters:
    ///   - string: The input.
    ///   - useAutomaton: Whether the ASCII automaton may answer (tests compare both engines).
    /// - Returns: `true` on a match.
    func matches(_ string: String, useAutomaton: Bool = true) -> Bool {
        var copy = string
        return copy.withUTF8 { matches(utf8: $0, useAutomaton: useAutomaton) }
    }

    /// Whether the pattern occurs somewhere in the UTF-8 text `bytes` (which must be valid UTF-8).
    func matches(utf8 bytes: UnsafeBufferPointer<UInt8>, useAutomaton: Bool = true) -> Bool {
        if useAutomaton, let dfa, let result = dfa.matches(bytes) { return result }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: instructions.count * 3 + 2) { scratch in
            run(bytes, scratch)
        }
    }

    /// Runs the VM; `scratch` holds the current list, the next list and the per-pc mark.
    private func run(_ bytes: UnsafeBufferPointer<UInt8>, _ scratch: UnsafeMutableBufferPointer<Int32>) -> Bool {
        let count = instructions.count
        var current = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
        var next = UnsafeMutableBufferPointer(rebasing: scratch[count..<(2 * count)])
        let marks = UnsafeMutableBufferPointer(rebasing: scratch[(2 * count)..<(3 * count)])
        marks.initialize(repeating: -1)
        var currentCount = 0
        var generation: Int32 = 0
        var position = 0
        while true {
            if position == 0 || !anchoredAtStart {
                if addThread(0, position, bytes, &current, &currentCount, marks, generation) { return true }
            }
            if currentCount == 0 && (anchoredAtStart || position >= bytes.count) { return false }
            guard position < bytes.count else { return false }
            let (scalar, width) = Self.decode(bytes, at: position)
            let nextPosition = position + width
            generation += 1
            var nextCount = 0
            for slot in 0..<currentCount {
                let pc = Int(current[slot])
                let advances: Bool
                switch instructions[pc] {
                case .scalar(let expected): advances = scalar == expected
                case .any: advances = scalar != 0x0A && scalar != 0x0D && scalar != 0x2028 && scalar != 0x2029
                case .set(let index): advances = sets[index].contains(scalar)
                default: advances = false
                }
                if advances, addThread(pc + 1, nextPosition, bytes, &next, &nextCount, marks, generation) { return true }
            }
            swap(&current, &next)
            currentCount = nextCount
            position = nextPosition
        }
    }

    /// Adds `pc` and everything reachable from it without consuming input; true when `.match`
    /// is reachable (the search is over).
    private func addThread(_ pc: Int, _ position: Int, _ bytes: UnsafeBufferPointer<UInt8>,
                           _ list: inout UnsafeMutableBufferPointer<Int32>, _ listCount: inout Int,
                           _ marks: UnsafeMutableBufferPointer<Int32>, _ generation: Int32) -> Bool {
        if marks[pc] == generation { return false }
        marks[pc] = generation
        switch instructions[pc] {
        case .match:
            return true
        case .jump(let target):
            return addThread(target, position, bytes, &list, &listCount, marks, generation)
        case .split(let first, let second):
            return addThread(first, position, bytes, &list, &listCount, marks, generation)
                || addThread(second, position, bytes, &list, &listCount, marks, generation)
        case .assertStart:
            return position == 0 && addThread(pc + 1, position, bytes, &list, &listCount, marks, generation)
        case .assertEnd:
            return position == bytes.count && addThread(pc + 1, position, bytes, &list, &listCount, marks, generation)
        case .scalar, .any, .set:
            list[listCount] = Int32(pc)
            listCount += 1
            return false
        }
    }

    /// Decodes the UTF-8 scalar at `position` (input comes from a Swift `String`, so it is valid).
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[position])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(bytes[position + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(bytes[position + 1] & 0x3F) << 6 | UInt32(bytes[position + 2] & 0x3F), 3)
        }
        return ((lead & 0x07) << 18 | UInt32(bytes[position + 1] & 0x3F) << 12
            | UInt32(bytes[position + 2] & 0x3F) << 6 | UInt32(bytes[position + 3] & 0x3F), 4)
    }
}
