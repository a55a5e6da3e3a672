import Foundation

/// A read-only hash table from property name to its subschema node, built once per schema.
///
/// Faster than `Dictionary<String, …>` on the validation path: keys are hashed with FNV-1a over
/// their UTF-8 bytes (no per-lookup hasher seeding) and compared byte for byte, which is also
/// JSON's notion of key equality (code points, not Swift's canonical equivalence). Entries are
/// plain values, so a lookup retains nothing.
struct PropertyLookup: Sendable {
    /// One property: where its name is in ``nameBytes``, its node, and whether it is required.
    private struct Entry: Sendable {
        var hash: UInt64
        var offset: Int
        var length: Int
        var node: Int
        var required: Bool
    }

    private var slots: [Int32] = []
    private var entries: [Entry] = []
    private var nameBytes: [UInt8] = []
    private var mask = 0
    /// The property names in insertion order.
    private(set) var names: [String] = []

    /// Builds the table.
    ///
    /// - Parameter properties: Name, node and required flag of each property (names unique).
    init(_ properties: [(name: String, node: Int, required: Bool)]) {
        var capacity = 4
        while capacity < properties.count * 2 { capacity *= 2 }
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        for property in properties {
            let bytes = Array(property.name.utf8)
            let hash = bytes.withUnsafeBufferPointer(Self.hash)
            entries.append(Entry(hash: hash, offset: nameBytes.count, length: bytes.count, node: property.node,
                                 required: property.required))
            nameBytes += bytes
            names.append(property.name)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entries.count - 1)
        }
    }

    /// The number of properties.
    var count: Int { entries.count }

    /// The node and required flag of property `name`.
    ///
    /// - Parameter name: An instance member name.
    /// - Returns: `nil` when the schema does not name it.
    func lookup(_ name: String) -> (node: Int, required: Bool)? {
        if entries.isEmpty { return nil }
        let found = name.utf8.withContiguousStorageIfAvailable { entry(utf8: $0) }
            ?? Array(name.utf8).withUnsafeBufferPointer { entry(utf8: $0) }
        return found.map { ($0.node, $0.required) }
    }

    /// The property named by UTF-8 bytes: its position in insertion order (`0..<count`), node and required flag.
    ///
    /// - Parameter key: The member name's UTF-8 bytes.
    /// - Returns: `nil` when the schema does not name it.
    func entry(utf8 key: UnsafeBufferPointer<UInt8>) -> (index: Int, node: Int, required: Bool)? {
        if entries.isEmpty { return nil }
        let hash = Self.hash(key)
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                nameBytes.withUnsafeBufferPointer { names in
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while true {
                        let index = Int(slots[slot])
                        if index < 0 { return nil }
                        let entry = entries[index]
                        if entry.hash == hash, entry.length == key.count,
                            key.isEmpty || memcmp(names.baseAddress! + entry.offset, key.baseAddress!, key.count) == 0
                        {
                            return (index, entry.node, entry.required)
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// 64-bit FNV-1a.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash ^ (hash >> 29)
    }
}
