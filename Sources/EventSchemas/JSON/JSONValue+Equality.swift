/// JSON equality: numbers by value, strings by code points.
///
/// Swift's `String ==` uses canonical equivalence ("ñ" precomposed equals "n" plus a
/// combining tilde); JSON (and JSON Schema's `const`, `enum`, `uniqueItems`) compares code
/// points, so strings are compared by their UTF-8 bytes. Hashing stays `String`'s, which is
/// consistent: byte-equal strings hash equally.
extension JSONValue {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return sameCodePoints(a, b)
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0 == $1 }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let other = b[key], value == other else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// Whether two strings have the same UTF-8 bytes (hence the same code points).
    static func sameCodePoints(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in rhs.withUTF8 { right in left.elementsEqual(right) } }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let bool): hasher.combine(1); hasher.combine(bool)
        case .number(let number): hasher.combine(2); hasher.combine(number)
        case .string(let string): hasher.combine(3); hasher.combine(string)
        case .array(let elements):
            hasher.combine(4)
            hasher.combine(elements.count)
            for element in elements { hasher.combine(element) }
        case .object(let members):
            // Order-independent: combine the members' hashes commutatively.
            hasher.combine(5)
            var sum = 0
            for (key, value) in members {
                var memberHasher = Hasher()
                memberHasher.combine(key)
                memberHasher.combine(value)
                sum = sum &+ memberHasher.finalize()
            }
            hasher.combine(sum)
        }
    }
}
