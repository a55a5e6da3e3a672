/// The parsed form of the ECMA-262 subset that ``RegexProgram`` runs.
indirect enum RegexNode {
    case empty
    case scalar(UInt32)
    /// `.`: any scalar except line terminators.
    case any
    case set(RegexCharSet)
    case start
    case end
    case sequence([RegexNode])
    case alternation([RegexNode])
    /// `node{min,max}`; `max == nil` is unbounded.
    case repetition(RegexNode, min: Int, max: Int?)
}

/// A character class as sorted inclusive scalar ranges, with an ASCII bitmap for speed.
struct RegexCharSet: Sendable {
    var ranges: [ClosedRange<UInt32>] = []
    var negated = false
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0

    /// ECMA `\d`.
    static let digits = RegexCharSet(ranges: [48...57])
    /// ECMA `\w`.
    static let word = RegexCharSet(ranges: [48...57, 65...90, 95...95, 97...122])
    /// ECMA `\s` (WhiteSpace and LineTerminator).
    static let space = RegexCharSet(ranges: [9...13, 32...32, 160...160, 5760...5760, 8192...8202, 8232...8233,
                                             8239...8239, 8287...8287, 12288...12288, 65279...65279])

    init(ranges: [ClosedRange<UInt32>], negated: Bool = false) {
        self.ranges = ranges
        self.negated = negated
        for range in ranges where range.lowerBound < 128 {
            for scalar in range.lowerBound...min(range.upperBound, 127) {
                if scalar < 64 { asciiLow |= 1 << UInt64(scalar) } else { asciiHigh |= 1 << UInt64(scalar - 64) }
            }
        }
    }

    /// The same set, complemented.
    func inverted() -> RegexCharSet { RegexCharSet(ranges: ranges, negated: !negated) }

    /// Whether the scalar is in the set.
    func contains(_ scalar: UInt32) -> Bool {
        let member: Bool
        if scalar < 64 {
            member = asciiLow & (1 << UInt64(scalar)) != 0
        } else if scalar < 128 {
            member = asciiHigh & (1 << UInt64(scalar - 64)) != 0
        } else {
            member = ranges.contains { $0.contains(scalar) }
        }
        return member != negated
    }
}

/// Why a pattern is outside the subset (the caller then uses `NSRegularExpression`).
struct RegexUnsupported: Error {}
