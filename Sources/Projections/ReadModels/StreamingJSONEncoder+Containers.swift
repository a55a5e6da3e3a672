import Foundation

/// The `Encoder` one value's `encode(to:)` receives from a ``JSONStreamWriter``: its containers open where the
/// value belongs (at `depth`).
struct StreamEncoder: Encoder {
    let writer: JSONStreamWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The container this value opened, or a new one. Whatever is open at `depth` was opened by this value (its
    /// parent is at `depth - 1`); asking again returns the same container, as with JSONEncoder.
    private func opened(object: Bool) -> (id: Int, depth: Int) {
        guard writer.open.count > depth else { return writer.push(object: object) }
        guard writer.open[depth].object == object else {
            writer.unsupported = true
            return (-1, depth)
        }
        return (writer.open[depth].id, depth)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let (id, depth) = opened(object: true)
        return KeyedEncodingContainer(StreamKeyedContainer<Key>(writer: writer, id: id, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let (id, depth) = opened(object: false)
        return StreamUnkeyedContainer(writer: writer, id: id, depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamSingleValueContainer(writer: writer, depth: depth)
    }
}

struct StreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    let id: Int
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    private func at(_ key: Key) -> Bool { writer.element(of: id, at: depth, key: key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { if at(key) { writer.writeNull() } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { if at(key) { writer.write(value) } }
    mutating func encode(_ value: String, forKey key: Key) throws { if at(key) { writer.write(value) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { if at(key) { writer.write(Int64(value)) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { if at(key) { writer.write(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { if at(key) { try writer.write(value) } }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { if at(key) { try writer.encode(value) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        writer.nestedKeyed(NestedKey.self, placed: at(key), depth: depth)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.nestedUnkeyed(placed: at(key), depth: depth)
    }

    mutating func superEncoder() -> any Encoder { writer.unsupportedEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { writer.unsupportedEncoder() }
}

struct StreamUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    let id: Int
    let depth: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(writer: JSONStreamWriter, id: Int, depth: Int) {
        self.writer = writer
        self.id = id
        self.depth = depth
    }

    private mutating func next() -> Bool {
        count += 1
        return writer.element(of: id, at: depth, key: nil)
    }

    mutating func encodeNil() throws { if next() { writer.writeNull() } }
    mutating func encode(_ value: Bool) throws { if next() { writer.write(value) } }
    mutating func encode(_ value: String) throws { if next() { writer.write(value) } }
    mutating func encode(_ value: Int) throws { if next() { writer.write(Int64(value)) } }
    mutating func encode(_ value: Int64) throws { if next() { writer.write(value) } }
    mutating func encode(_ value: Double) throws { if next() { try writer.write(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws { if next() { try writer.encode(value) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        writer.nestedKeyed(NestedKey.self, placed: next(), depth: depth)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.nestedUnkeyed(placed: next(), depth: depth)
    }

    mutating func superEncoder() -> any Encoder { writer.unsupportedEncoder() }
}

extension JSONStreamWriter {
    /// A container nested in the one at `depth`, opened where its key or comma was just written (`placed`); when the
    /// parent was closed already (`placed` false) a dead container whose writes mark the document unsupported.
    func nestedKeyed<Key: CodingKey>(_: Key.Type, placed: Bool, depth: Int) -> KeyedEncodingContainer<Key> {
        let (id, depth) = placed ? push(object: true) : (-1, depth)
        return KeyedEncodingContainer(StreamKeyedContainer<Key>(writer: self, id: id, depth: depth))
    }

    /// As ``nestedKeyed(_:placed:depth:)``, for an array.
    func nestedUnkeyed(placed: Bool, depth: Int) -> any UnkeyedEncodingContainer {
        let (id, depth) = placed ? push(object: false) : (-1, depth)
        return StreamUnkeyedContainer(writer: self, id: id, depth: depth)
    }

    /// A `superEncoder` cannot be followed in one pass: the document falls back to JSONEncoder.
    func unsupportedEncoder() -> any Encoder {
        unsupported = true
        return StreamEncoder(writer: JSONStreamWriter(), depth: 0)
    }
}

/// Writes the value in place; a second value, or one after a container was opened, is not a single pass.
struct StreamSingleValueContainer: SingleValueEncodingContainer {
    let writer: JSONStreamWriter
    let depth: Int
    private var written = false
    var codingPath: [any CodingKey] { [] }

    init(writer: JSONStreamWriter, depth: Int) {
        self.writer = writer
        self.depth = depth
    }

    private mutating func take() -> Bool {
        guard !written, writer.open.count == depth else {
            writer.unsupported = true
            return false
        }
        written = true
        return true
    }

    mutating func encodeNil() throws { if take() { writer.writeNull() } }
    mutating func encode(_ value: Bool) throws { if take() { writer.write(value) } }
    mutating func encode(_ value: String) throws { if take() { writer.write(value) } }
    mutating func encode(_ value: Int) throws { if take() { writer.write(Int64(value)) } }
    mutating func encode(_ value: Int64) throws { if take() { writer.write(value) } }
    mutating func encode(_ value: Double) throws { if take() { try writer.write(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws { if take() { try writer.encode(value) } }
}
