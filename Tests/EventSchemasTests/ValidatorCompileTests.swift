import EventSchemas
import Foundation
import Testing

@Suite("Schema compilation: references, dialects, safety")
struct ValidatorCompileTests {
    @Test("remote references resolve only from the registry")
    func remoteReferences() throws {
        let schema = try JSONValue(parsing: ##"{"$ref": "https://lender.example/money.json#/$defs/currency"}"##)
        #expect {
            try CompiledSchema(schema)
        } throws: { error in
            guard let error = error as? SchemaCompileError else { return false }
            return error.location.description == "/$ref" && error.reason.contains("never fetched")
        }
        var registry = SchemaResolver()
        registry.add(try JSONValue(parsing: ##"{"$defs": {"currency": {"pattern": "^[A-Z]{3}$"}}}"##),
                     uri: "https://lender.example/money.json")
        let compiled = try CompiledSchema(schema, registry: registry)
        #expect(compiled.isValid("INR"))
        let error = try #require(compiled.validate("inr").first)
        #expect(error.keywordLocation.description == "/$ref/pattern")
        #expect(error.schemaLocation.description == "/$defs/currency/pattern")
        #expect(error.schemaURI == "https://lender.example/money.json")
    }

    @Test("schemas on disk satisfy remote references; a broken file is named")
    func directoryRegistry() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("resolver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("shared"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try #"{"$defs": {"currency": {"type": "string", "pattern": "^[A-Z]{3}$"}}}"#
            .write(to: directory.appendingPathComponent("shared/money.json"), atomically: true, encoding: .utf8)
        var registry = SchemaResolver()
        #expect(try registry.addDirectory(directory, baseURI: "https://schemas.lender.example/") == 1)
        let schema = try CompiledSchema(JSONValue(parsing: ##"{"$id": "https://schemas.lender.example/loan/v1.json", "$ref": "../shared/money.json#/$defs/currency"}"##),
                                        registry: registry)
        #expect(schema.isValid("INR"))
        #expect(!schema.isValid("rupees"))

        try "{".write(to: directory.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        #expect {
            try registry.addDirectory(directory, baseURI: "https://schemas.lender.example/")
        } throws: { error in
            (error as? SchemaResolverError)?.path.hasSuffix("broken.json") == true
        }
    }

    @Test("unknown anchors and dangling pointers are compile errors")
    func danglingReferences() {
        #expect(throws: SchemaCompileError.self) { try CompiledSchema(JSONValue(parsing: ##"{"$ref": "#nowhere"}"##)) }
        #expect(throws: SchemaCompileError.self) { try CompiledSchema(JSONValue(parsing: ##"{"$ref": "#/$defs/x"}"##)) }
        #expect(throws: SchemaCompileError.self) { try CompiledSchema(JSONValue(parsing: ##"{"minLength": -1}"##)) }
        #expect(throws: SchemaCompileError.self) { try CompiledSchema(JSONValue(parsing: ##"{"type": "decimal"}"##)) }
    }

    @Test("draft-07 is used when $schema says so: $ref overrides its siblings")
    func draft7() throws {
        let text = ##"{"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"s": {"type": "string"}}, "##
            + ##""properties": {"a": {"$ref": "#/definitions/s", "maxLength": 1}}}"##
        let schema = try CompiledSchema(JSONValue(parsing: text))
        #expect(schema.isValid(["a": "long is fine: maxLength is ignored beside $ref"]))
        #expect(!schema.isValid(["a": 1]))
    }

    @Test("schemas are checked against the built-in meta-schemas")
    func metaSchema() throws {
        let meta = try CompiledSchema(JSONValue(parsing: ##"{"$ref": "https://json-schema.org/draft/2020-12/schema"}"##))
        #expect(meta.isValid(try JSONValue(parsing: ValidationBenchmark.repaymentReceivedSchema)))
        #expect(!meta.isValid(["type": 12]))
        let draft7 = try CompiledSchema(JSONValue(parsing: ##"{"$ref": "http://json-schema.org/draft-07/schema#"}"##))
        #expect(!draft7.isValid(["minLength": -1]))
    }

    @Test("a custom meta-schema's $vocabulary switches validation off or format assertion on")
    func vocabularies() throws {
        var registry = SchemaResolver()
        registry.add(try JSONValue(parsing: ##"{"$schema": "https://json-schema.org/draft/2020-12/schema", "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/core": true, "https://json-schema.org/draft/2020-12/vocab/applicator": true, "https://json-schema.org/draft/2020-12/vocab/format-assertion": false}}"##),
                     uri: "https://lender.example/meta/strict-format")
        var options = ValidatorOptions()
        options.assertFormats = false
        let schema = try CompiledSchema(JSONValue(parsing: ##"{"$schema": "https://lender.example/meta/strict-format", "format": "date", "minimum": 5, "properties": {"a": false}}"##),
                                        registry: registry, options: options)
        #expect(!schema.isValid("2026-02-30"), "format-assertion vocabulary asserts format")
        #expect(schema.isValid(1), "no validation vocabulary: minimum is ignored")
        #expect(!schema.isValid(["a": 1]), "applicators still apply")
    }

    @Test("a schema that recurses without consuming the instance fails instead of crashing")
    func recursionGuard() throws {
        let schema = try CompiledSchema(JSONValue(parsing: ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##))
        #expect(!schema.isValid(1))
        #expect(schema.validate(1).first?.message.contains("deep") == true)
    }

    @Test("nested instances validate against recursive schemas; absurd nesting is an error, not a crash")
    func deepInstances() async throws {
        let schema = try CompiledSchema(JSONValue(parsing: ##"{"anyOf": [{"type": "integer"}, {"type": "array", "items": {"$ref": "#"}, "minItems": 1}]}"##))
        func nested(_ depth: Int, _ leaf: String) throws -> JSONValue {
            try JSONValue(parsing: String(repeating: "[", count: depth) + leaf + String(repeating: "]", count: depth))
        }
        // Debug builds use far more stack per level than release builds; 8 levels fit both.
        let (shallow, wrongLeaf, absurd) = (try nested(8, "1"), try nested(8, "\"x\""), try nested(500, "1"))
        let results = await Task.detached {
            (schema.isValid(shallow), schema.validate(shallow), schema.isValid(wrongLeaf), schema.validate(absurd))
        }.value
        #expect(results.0)
        #expect(results.1.isEmpty)
        #expect(!results.2)
        #expect(!results.3.isEmpty)
    }

    @Test("a compiled schema is shared safely across concurrent tasks")
    func concurrentUse() async throws {
        let schema = try CompiledSchema(JSONValue(parsing: ValidationBenchmark.repaymentReceivedSchema))
        let payloads = try ValidationBenchmark.repaymentReceivedPayloads(count: 200).map { try JSONValue(parsing: $0) }
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 { group.addTask { payloads.filter { schema.isValid($0) }.count } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == [180, 180, 180, 180])
    }

    @Test("the benchmark measures the fixture: nine in ten payloads are valid")
    func benchmark() throws {
        let result = try ValidationBenchmark.run(schema: ValidationBenchmark.repaymentReceivedSchema,
                                                 payloads: ValidationBenchmark.repaymentReceivedPayloads(count: 100),
                                                 iterations: 2)
        #expect(result.validPayloads == 90)
        #expect(result.validations == 200)
        #expect(result.rate > 0)
    }
}
