/// Parses the ECMA-262 subset: literals and escapes, `.`, classes, `\d\w\s` (and negations),
/// groups `( )` and `(?: )`, `|`, `^`, `$`, and greedy or lazy `* + ? {n} {n,} {n,m}`.
/// Anything else (look-around, back-references, `\b`, `\p{…}`, named groups, flags) throws
/// ``RegexUnsupported``.
struct RegexParser {
    private let scalars: [UInt32]
    private var index = 0

    /// Parses a whole pattern.
    ///
    /// - Parameter pattern: The source.
    /// - Returns: The syntax tree.
    /// - Throws: ``RegexUnsupported`` for syntax outside the subset or malformed patterns.
    static func parse(_ pattern: String) throws -> RegexNode {
        var parser = RegexParser(scalars: pattern.unicodeScalars.map(\.value))
        let node = try parser.parseAlternation()
        guard parser.index == parser.scalars.count else { throw RegexUnsupported() }
        return node
    }

    private init(scalars: [UInt32]) { self.scalars = scalars }

    private var current: UInt32? { index < scalars.count ? scalars[index] : nil }

    private mutating func parseAlternation() throws -> RegexNode {
        var branches = [try parseSequence()]
        while current == 0x7C {  // |
            index += 1
            branches.append(try parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence() throws -> RegexNode {
        var items: [RegexNode] = []
        while let scalar = current, scalar != 0x7C, scalar != 0x29 {  // | )
            let atom = try parseAtom()
            items.append(try parseQuantifier(atom))
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func parseAtom() throws -> RegexNode {
        let scalar = scalars[index]
        index += 1
        switch scalar {
        case 0x5E: return .start  // ^
        case 0x24: return .end  // $
        case 0x2E: return .any  // .
        case 0x5B: return .set(try parseClass())  // [
        case 0x28:  // (
            if current == 0x3F {  // ?
                guard index + 1 < scalars.count, scalars[index + 1] == 0x3A else { throw RegexUnsupported() }
                index += 2
            }
            let inner = try parseAlternation()
            guard current == 0x29 else { throw RegexUnsupported() }
            index += 1
            return inner
        case 0x5C: return try parseEscape(inClass: false)
        case 0x2A, 0x2B, 0x3F, 0x7B, 0x7D, 0x5D:  // * + ? { } ] as literals are errors or ambiguous
            throw RegexUnsupported()
        default: return .scalar(scalar)
        }
    }

    private mutating func parseQuantifier(_ atom: RegexNode) throws -> RegexNode {
        guard let scalar = current else { return atom }
        var minimum = 0
        var maximum: Int?
        switch scalar {
        case 0x2A: index += 1  // *
        case 0x2B: index += 1; minimum = 1  // +
        case 0x3F: index += 1; maximum = 1  // ?
        case 0x7B:  // {
            index += 1
            minimum = try parseNumber()
            maximum = minimum
            if current == 0x2C {  // ,
                index += 1
                maximum = current == 0x7D ? nil : try parseNumber()
            }
            guard current == 0x7D, maximum.map({ $0 >= minimum }) ?? true else { throw RegexUnsupported() }
            index += 1
        default:
            return atom
        }
        switch atom {
        case .start, .end: throw RegexUnsupported()
        default: break
        }
        if current == 0x3F { index += 1 }  // lazy: same language, and only "is there a match" matters
        return .repetition(atom, min: minimum, max: maximum)
    }

    private mutating func parseNumber() throws -> Int {
        var value = 0
        var digits = 0
        while let scalar = current, (0x30...0x39).contains(scalar), digits < 6 {
            value = value * 10 + Int(scalar - 0x30)
            digits += 1
            index += 1
        }
        guard digits > 0 else { throw RegexUnsupported() }
        return value
    }

    private mutating func parseClass() throws -> RegexCharSet {
        var negated = false
        if current == 0x5E { negated = true; index += 1 }
        var ranges: [ClosedRange<UInt32>] = []
        var negatedParts: [RegexCharSet] = []
        while let scalar = current, scalar != 0x5D {
            index += 1
            var low: UInt32 = scalar
            if scalar == 0x5C {
                switch try parseEscape(inClass: true) {
                case .scalar(let value): low = value
                case .set(let set):
                    if set.negated { negatedParts.append(set) } else { ranges += set.ranges }
                    continue
                default: throw RegexUnsupported()
                }
            }
            if current == 0x2D, index + 1 < scalars.count, scalars[index + 1] != 0x5D {  // a-b
                index += 1
                var high = scalars[index]
                index += 1
                if high == 0x5C {
                    guard case .scalar(let value) = try parseEscape(inClass: true) else { throw RegexUnsupported() }
                    high = value
                }
                guard low <= high else { throw RegexUnsupported() }
                ranges.append(low...high)
            } else {
                ranges.append(low...low)
            }
        }
        guard current == 0x5D, negatedParts.isEmpty else { throw RegexUnsupported() }
        index += 1
        return RegexCharSet(ranges: ranges, negated: negated)
    }

    private mutating func parseEscape(inClass: Bool) throws -> RegexNode {
        guard let scalar = current else { throw RegexUnsupported() }
        index += 1
        switch Unicode.Scalar(scalar).map(Character.init) {
        case "d": return .set(.digits)
        case "D": return .set(RegexCharSet.digits.inverted())
        case "w": return .set(.word)
        case "W": return .set(RegexCharSet.word.inverted())
        case "s": return .set(.space)
        case "S": return .set(RegexCharSet.space.inverted())
        case "n": return .scalar(0x0A)
        case "r": return .scalar(0x0D)
        case "t": return .scalar(0x09)
        case "f": return .scalar(0x0C)
        case "v": return .scalar(0x0B)
        case "0" where !(current.map { (0x30...0x39).contains($0) } ?? false): return .scalar(0)
        case "x": return .scalar(try parseHex(digits: 2))
        case "u":
            let value = try parseHex(digits: 4)
            guard !(0xD800...0xDFFF).contains(value) else { throw RegexUnsupported() }  // surrogate pairs
            return .scalar(value)
        case let character? where !character.isLetter && !character.isNumber: return .scalar(scalar)
        default: throw RegexUnsupported()  // \b, \B, \p, back-references, \c…
        }
    }

    private mutating func parseHex(digits: Int) throws -> UInt32 {
        guard index + digits <= scalars.count else { throw RegexUnsupported() }
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let scalar = Unicode.Scalar(scalars[index]), let digit = Character(scalar).hexDigitValue else {
                throw RegexUnsupported()
            }
            value = value * 16 + UInt32(digit)
            index += 1
        }
        return value
    }
}
