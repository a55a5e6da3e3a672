/// A JSON number that remembers whether it is an exact integer.
///
/// Integer literals that fit in 64 bits are stored exactly; everything else is a `Double`.
/// Equality, hashing and ordering are by numeric value, so `1 == 1.0`, and integers beyond
/// 2^53 compare exactly when both sides are stored as integers.
public struct JSONNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    @usableFromInline
    enum Storage: Sendable {
        case int(Int64)
        case double(Double)
    }

    @usableFromInline
    let storage: Storage

    /// An exact integer.
    ///
    /// - Parameter value: The integer.
    @inlinable
    public init(_ value: Int64) { storage = .int(value) }

    /// An exact integer.
    ///
    /// - Parameter value: The integer.
    @inlinable
    public init(_ value: Int) { storage = .int(Int64(value)) }

    /// A binary floating-point number; integral values that fit in 64 bits become exact integers.
    ///
    /// - Parameter value: The number (callers should not pass NaN or infinity; JSON has neither).
    @inlinable
    public init(_ value: Double) {
        if let exact = Int64(exactly: value) { storage = .int(exact) } else { storage = .double(value) }
    }

    /// The value as a `Double` (rounded for integers beyond 2^53).
    @inlinable
    public var double: Double {
        switch storage {
        case .int(let value): Double(value)
        case .double(let value): value
        }
    }

    /// The exact integer value when this number is integral and fits in 64 bits.
    @inlinable
    public var int64: Int64? {
        switch storage {
        case .int(let value): value
        case .double: nil
        }
    }

    /// Whether the number is mathematically an integer (true for `1` and `1.0`).
    @inlinable
    public var isInteger: Bool {
        switch storage {
        case .int: true
        case .double(let value): value.isFinite && value.rounded(.towardZero) == value
        }
    }

    /// The JSON text of the number: digits for integers, shortest round-trip form otherwise
    /// (`null` for a non-finite value, which JSON cannot express).
    public var description: String {
        switch storage {
        case .int(let value):
            return String(value)
        case .double(let value):
            // JSON has no NaN or infinity; only a value built in code can hold one.
            guard value.isFinite else { return "null" }
            if value.rounded(.towardZero) == value, abs(value) < 1e17 {
                return String(Int64(value))
            }
            return "\(value)"
        }
    }

    @inlinable
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.int(let a), .int(let b)): a == b
        default: lhs.double == rhs.double
        }
    }

    public func hash(into hasher: inout Hasher) {
        // Doubles that are integral and fit Int64 are stored as .int (see init), so a .double
        // never equals an .int except beyond 2^63, where hashing the Double agrees with ==.
        switch storage {
        case .int(let value):
            if value.magnitude > (1 << 53) { hasher.combine(Double(value)) } else { hasher.combine(value) }
        case .double(let value):
            hasher.combine(value)
        }
    }

    @inlinable
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.int(let a), .int(let b)): a < b
        default: lhs.double < rhs.double
        }
    }
}
