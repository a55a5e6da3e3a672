import EventSchemas
import Testing

/// The rules that matter for LoanStream's closed event schemas, and the modes.
@Suite struct CompatibilityCheckerTests {
    private func kinds(new: JSONValue, old: JSONValue) throws -> [String] {
        try SchemaCompatibility.incompatibilities(reader: new, writer: old).map(\.kind.rawValue)
    }

    private func closed(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        ["type": "object", "additionalProperties": false, "properties": .object(properties),
         "required": .array(required.map { .string($0) })]
    }

    @Test func closedModelEvolution() throws {
        let v1 = closed(["a": ["type": "string"]], required: ["a"])
        #expect(try kinds(new: closed(["a": ["type": "string"], "b": ["type": "string"]], required: ["a"]), old: v1).isEmpty)
        #expect(try kinds(new: closed([:]), old: v1) == ["PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"])
        #expect(try kinds(new: closed(["a": ["type": "string"], "b": ["type": "string"]], required: ["a", "b"]), old: v1)
            == ["REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL"])
        let withDefault = closed(["a": ["type": "string"], "b": ["type": "string", "default": "x"]], required: ["a", "b"])
        #expect(try kinds(new: withDefault, old: v1).isEmpty, "a new required field with a default is compatible")
    }

    @Test func openModelRejectsNewTypedProperties() throws {
        let old: JSONValue = ["type": "object", "properties": ["a": ["type": "string"]]]
        let new: JSONValue = ["type": "object", "properties": ["a": ["type": "string"], "b": ["type": "integer"]]]
        #expect(try kinds(new: new, old: old) == ["PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"])
        #expect(try kinds(new: closed(["a": ["type": "string"]]), old: old) == ["ADDITIONAL_PROPERTIES_NARROWED"])
    }

    @Test func typeWideningAndNarrowing() throws {
        #expect(try kinds(new: ["type": "number"], old: ["type": "integer"]).isEmpty)
        #expect(try kinds(new: ["type": "integer"], old: ["type": "number"]) == ["TYPE_NARROWED"])
        #expect(try kinds(new: ["type": ["string", "null"]], old: ["type": "string"]).isEmpty)
        #expect(try kinds(new: ["type": "string"], old: ["type": ["string", "null"]]) == ["TYPE_CHANGED"])
    }

    @Test func enumsConstsAndFormats() throws {
        let old: JSONValue = ["type": "string", "enum": ["A", "B"]]
        #expect(try kinds(new: ["type": "string", "enum": ["A", "B", "C"]], old: old).isEmpty)
        #expect(try kinds(new: ["type": "string", "enum": ["A"]], old: old) == ["ENUM_ARRAY_NARROWED"])
        #expect(try kinds(new: ["type": "string"], old: old).isEmpty, "dropping an enum widens")
        #expect(try kinds(new: ["const": "A"], old: ["type": "string"]) == ["ENUM_ADDED"])
        #expect(try kinds(new: ["type": "string", "format": "uuid"], old: ["type": "string"]) == ["FORMAT_ADDED"])
    }

    @Test func boundsAndPatterns() throws {
        #expect(try kinds(new: ["type": "string", "maxLength": 10], old: ["type": "string", "maxLength": 20]) == ["MAX_LENGTH_DECREASED"])
        #expect(try kinds(new: ["type": "array", "minItems": 2], old: ["type": "array"]) == ["MIN_ITEMS_ADDED"])
        #expect(try kinds(new: ["type": "string", "pattern": "^[A-Z]{3}$"], old: ["type": "string", "pattern": "^[A-Z]+$"])
            == ["PATTERN_CHANGED"])
        #expect(try kinds(new: ["type": "integer", "minimum": 0], old: ["type": "integer", "minimum": 1]).isEmpty)
    }

    @Test func referencesAreFollowedIncludingRecursion() throws {
        let old: JSONValue = ["$defs": ["money": ["type": "object", "additionalProperties": false,
                                                  "properties": ["amount": ["type": "string"]]]],
                              "type": "object", "properties": ["p": ["$ref": "#/$defs/money"]]]
        let new: JSONValue = ["definitions": ["money": ["type": "object", "additionalProperties": false,
                                                        "properties": ["amount": ["type": "number"]]]],
                              "type": "object", "properties": ["p": ["$ref": "#/definitions/money"]]]
        let found = try SchemaCompatibility.incompatibilities(reader: new, writer: old)
        #expect(found.map(\.pointer) == ["#/properties/p/properties/amount"])
        let tree: JSONValue = ["type": "object", "properties": ["children": ["type": "array", "items": ["$ref": "#"]]]]
        #expect(try kinds(new: tree, old: tree).isEmpty)
    }

    @Test func combinatorsMatchBranchesInAnyOrder() throws {
        let old: JSONValue = ["oneOf": [["type": "string"], ["type": "integer"]]]
        #expect(try kinds(new: ["oneOf": [["type": "integer"], ["type": "string"]]], old: old).isEmpty)
        #expect(try kinds(new: ["oneOf": [["type": "string"]]], old: old) == ["SUM_TYPE_NARROWED"])
        #expect(try kinds(new: ["anyOf": [["type": "string"], ["type": "number"]]], old: old).isEmpty)
    }

    @Test func tuplesDependenciesPatternsAndNot() throws {
        let pair: JSONValue = ["type": "array", "prefixItems": [["type": "integer"], ["type": "integer"]]]
        let single: JSONValue = ["type": "array", "prefixItems": [["type": "integer"]], "items": false]
        #expect(try kinds(new: single, old: pair).contains("ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL"))
        #expect(try kinds(new: ["type": "array", "prefixItems": [["type": "integer"]]], old: pair).isEmpty)
        #expect(try kinds(new: ["type": "array", "items": ["type": "integer"]], old: pair) == ["TYPE_CHANGED"])

        let depends: JSONValue = ["type": "object", "dependentRequired": ["a": ["b"]]]
        #expect(try kinds(new: depends, old: ["type": "object"]) == ["DEPENDENCY_ARRAY_ADDED"])
        #expect(try kinds(new: ["type": "object"], old: depends).isEmpty)

        let patterned: JSONValue = ["type": "object", "patternProperties": ["^x_": ["type": "string"]], "additionalProperties": false]
        #expect(try kinds(new: patterned, old: closed(["x_note": ["type": "string"]])).isEmpty,
                "a removed property still covered by a matching patternProperties schema is fine")
        #expect(try kinds(new: patterned, old: closed(["x_note": ["type": "integer"]]))
            == ["PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"])

        let notString: JSONValue = ["not": ["type": "string"]]
        #expect(try kinds(new: ["not": ["type": "string", "maxLength": 3]], old: notString).isEmpty,
                "excluding fewer values widens the reader")
        #expect(try kinds(new: notString, old: ["not": ["type": "string", "maxLength": 3]]) == ["NOT_TYPE_EXTENDED"])
    }

    @Test func modesPickDirectionAndHistory() throws {
        let v1 = closed(["a": ["type": "string"]])
        let v2 = closed(["a": ["type": "string"], "b": ["type": "string"]])
        let v3 = closed(["a": ["type": "string"], "b": ["type": "string"], "c": ["type": "string"]])
        let history: [(label: String, schema: JSONValue)] = [("v1", v1), ("v2", v2)]
        #expect(try SchemaCompatibility.check(new: v3, against: history, mode: .backward).findings.count == 1)
        let transitive = try SchemaCompatibility.check(new: v3, against: history, mode: .backwardTransitive)
        #expect(transitive.isCompatible && transitive.findings.map(\.against) == ["v1", "v2"])
        let forward = try SchemaCompatibility.check(new: v3, against: history, mode: .forward)
        #expect(forward.incompatibilities.map(\.kind) == [.propertyRemovedFromClosedContentModel])
        #expect(try !SchemaCompatibility.check(new: v3, against: history, mode: .full).isCompatible)
        #expect(try SchemaCompatibility.check(new: ["type": "integer"], against: history, mode: .none).isCompatible)
    }

    @Test func remoteReferencesAreRefusedNotGuessed() {
        #expect(throws: CompatibilityError.self) {
            try SchemaCompatibility.incompatibilities(reader: ["$ref": "https://example.com/x.json"], writer: true)
        }
    }
}
