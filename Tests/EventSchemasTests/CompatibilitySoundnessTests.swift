import EventSchemas
import Testing

/// Property test: whenever the checker calls a change BACKWARD compatible, every instance the
/// old (writer) schema accepts must validate under the new (reader) schema. Random object schemas
/// are mutated into readers; random writer-valid instances are checked with the real validator.
@Suite struct CompatibilitySoundnessTests {
    private static let names = ["a", "b", "c", "d"]

    @Test func compatibleVerdictsNeverRejectOldData() throws {
        var random = SplitMix64(seed: 0x5EED_1E4D)
        var compatiblePairs = 0
        var incompatiblePairs = 0
        var checkedInstances = 0
        for _ in 0..<600 {
            let writer = Self.objectSchema(&random)
            var reader = writer
            for _ in 0..<random.int(1...3) { reader = Self.mutate(reader, &random) }
            let found = try SchemaCompatibility.incompatibilities(reader: reader, writer: writer)
            guard found.isEmpty else { incompatiblePairs += 1; continue }
            compatiblePairs += 1
            let writerSchema = try CompiledSchema(writer)
            let readerSchema = try CompiledSchema(reader)
            for _ in 0..<25 {
                let instance = Self.instance(of: writer, &random)
                guard writerSchema.isValid(instance) else { continue }
                checkedInstances += 1
                #expect(readerSchema.isValid(instance), """
                    checker said compatible but old data is rejected
                    writer \(writer.serialized())
                    reader \(reader.serialized())
                    instance \(instance.serialized())
                    """)
            }
        }
        print("soundness: \(compatiblePairs) compatible and \(incompatiblePairs) incompatible schema pairs, \(checkedInstances) old instances re-validated")
        // The generator must exercise both verdicts, or the property proves nothing.
        #expect(compatiblePairs > 50 && incompatiblePairs > 50 && checkedInstances > 1000, "compatible \(compatiblePairs), incompatible \(incompatiblePairs)")
    }

    // MARK: generators

    private static func scalarSchema(_ random: inout SplitMix64, depth: Int = 0) -> JSONValue {
        switch random.int(0...(depth == 0 ? 8 : 4)) {
        case 0: return ["type": "string", "maxLength": .number(JSONNumber(random.int(1...6)))]
        case 1: return ["type": "string", "enum": .array(Array(["x", "y", "z"].prefix(random.int(1...3))).map { .string($0) })]
        case 2: return ["type": "integer", "minimum": .number(JSONNumber(random.int(-5...0))),
                        "maximum": .number(JSONNumber(random.int(1...9)))]
        case 3: return ["type": "number"]
        case 4: return ["type": "boolean"]
        case 5: return ["type": "array", "items": scalarSchema(&random, depth: 1), "maxItems": .number(JSONNumber(random.int(1...3)))]
        case 6: return ["anyOf": [scalarSchema(&random, depth: 1), scalarSchema(&random, depth: 1)]]
        case 7: return ["const": .string(["x", "y"][random.int(0...1)])]
        default: return objectSchema(&random, depth: 1)
        }
    }

    private static func objectSchema(_ random: inout SplitMix64, depth: Int = 0) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        var required: [JSONValue] = []
        for name in names where random.bool() {
            properties[name] = scalarSchema(&random, depth: depth)
            if random.bool() { required.append(.string(name)) }
        }
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties), "required": .array(required)]
        if random.bool() { schema["additionalProperties"] = false }
        return .object(schema)
    }

    private static func mutate(_ schema: JSONValue, _ random: inout SplitMix64) -> JSONValue {
        guard case .object(var members) = schema, case .object(var properties)? = members["properties"],
              case .array(var required)? = members["required"] else { return schema }
        let name = names[random.int(0...3)]
        switch random.int(0...5) {
        case 0: properties[name] = scalarSchema(&random)
        case 1: properties[name] = nil
        case 2:
            if required.contains(.string(name)) { required.removeAll { $0 == .string(name) } } else { required.append(.string(name)) }
        case 3: members["additionalProperties"] = members["additionalProperties"] == nil ? false : nil
        case 4: if properties[name] != nil { properties[name] = ["type": "number"] }
        default: if properties[name] != nil { properties[name] = ["type": ["string", "integer", "number", "boolean"]] }
        }
        members["properties"] = .object(properties)
        members["required"] = .array(required)
        return .object(members)
    }

    private static func value(of schema: JSONValue?, _ random: inout SplitMix64) -> JSONValue {
        guard let schema else { return anyValue(&random) }
        if let branches = schema["anyOf"]?.arrayValue { return value(of: branches[random.int(0...(branches.count - 1))], &random) }
        if let constant = schema["const"] { return constant }
        guard let type = schema["type"]?.stringValue else { return anyValue(&random) }
        switch type {
        case "object": return instance(of: schema, &random)
        case "array":
            let count = random.int(0...Int(schema["maxItems"]?.numberValue?.double ?? 2))
            return .array((0..<count).map { _ in value(of: schema["items"], &random) })
        case "string":
            if let options = schema["enum"]?.arrayValue { return options[random.int(0...(options.count - 1))] }
            let length = random.int(0...(Int(schema["maxLength"]?.numberValue?.double ?? 4)))
            return .string(String(repeating: "s", count: length))
        case "integer":
            let low = Int(schema["minimum"]?.numberValue?.double ?? -9)
            let high = Int(schema["maximum"]?.numberValue?.double ?? 9)
            return .number(JSONNumber(random.int(low...max(low, high))))
        case "number": return .number(JSONNumber(Double(random.int(-90...90)) / 8))
        default: return .bool(random.bool())
        }
    }

    private static func anyValue(_ random: inout SplitMix64) -> JSONValue {
        [JSONValue.string("q"), .number(JSONNumber(3)), .number(JSONNumber(2.5)), .bool(true), .null][random.int(0...4)]
    }

    private static func instance(of schema: JSONValue, _ random: inout SplitMix64) -> JSONValue {
        let properties = schema["properties"]?.objectValue ?? [:]
        let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        var object: [String: JSONValue] = [:]
        for name in names {
            if let property = properties[name], required.contains(name) || random.bool() {
                object[name] = value(of: property, &random)
            } else if properties[name] == nil, schema["additionalProperties"] == nil, random.int(0...2) == 0 {
                object[name] = anyValue(&random)
            }
        }
        return .object(object)
    }
}

/// A small deterministic generator (SplitMix64) so failures reproduce.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func bool() -> Bool { next() & 1 == 1 }
}
