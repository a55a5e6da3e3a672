import EventSchemas
import Foundation
import Testing

/// `CompiledSchema.proves(_:)`, the one-pass check of JSON text: it may decline to prove a valid
/// instance, but it must never prove an invalid one.
@Suite("One-pass proof of validity from JSON text")
struct QuickCheckTests {
    @Test("never proves an instance the JSON-Schema-Test-Suite says is invalid, and proves most valid ones",
          arguments: [ConformanceDraft.draft2020_12, .draft7])
    func soundOnTheConformanceSuite(_ draft: ConformanceDraft) throws {
        guard let suite = ConformanceCorpus.suiteDirectory() else {
            Issue.record(ConformanceCorpus.missingMessage)
            return
        }
        let registry = try ConformanceCorpus.remotes(in: suite)
        var options = ValidatorOptions()
        options.defaultDraft = draft.schemaDraft
        options.assertFormats = false
        var files = try ConformanceCorpus.testFiles(in: suite, draft: draft.directory).map { ($0, options) }
        // The formats it checks byte by byte, with assertion on.
        var asserting = options
        asserting.assertFormats = true
        for format in ["date-time", "date", "time", "uuid", "email", "ipv4"] {
            files.append((suite.appendingPathComponent("tests/\(draft.directory)/optional/format/\(format).json"), asserting))
        }
        var valid = 0, proven = 0
        for (file, options) in files where FileManager.default.fileExists(atPath: file.path) {
            guard case .array(let groups) = try JSONValue(parsing: Array(try Data(contentsOf: file))) else { continue }
            for group in groups {
                guard let schema = try? CompiledSchema(group["schema"] ?? .bool(true), registry: registry, options: options)
                else { continue }
                for test in group["tests"]?.arrayValue ?? [] {
                    let data = test["data"] ?? .null
                    let expected = test["valid"]?.boolValue ?? true
                    // Only cases the tree validator gets right count: the proof answers for the tree.
                    guard schema.isValid(data) == expected else { continue }
                    let text = data.serialized()
                    let proves = schema.proves(text)
                    #expect(Array(text.utf8).withUnsafeBufferPointer { schema.proves(utf8: $0) } == proves,
                            "the bytes of \(text) and the string disagree")
                    #expect(!proves || expected, "\(file.lastPathComponent): \(group["description"]?.stringValue ?? "?") / \(test["description"]?.stringValue ?? "?"): proved invalid \(text)")
                    if expected { valid += 1 }
                    if proves && expected { proven += 1 }
                }
            }
        }
        print("[\(draft.directory)] proved \(proven) of \(valid) valid instances")
        #expect(valid > 500 && proven * 2 > valid, "proved only \(proven) of \(valid) valid instances")
    }

    @Test("a valid event is proven; every one-byte corruption of it is either unproven or really valid")
    func corruptionsAreNeverProvenWrongly() throws {
        let schema = try CompiledSchema(JSONValue(parsing: ValidationBenchmark.repaymentReceivedSchema))
        let payloads = ValidationBenchmark.repaymentReceivedPayloads(count: 10)
        let validPayloads = payloads.filter { (try? JSONValue(parsing: $0)).map(schema.isValid) == true }
        try #require(!validPayloads.isEmpty)
        for payload in validPayloads { #expect(schema.proves(payload), "not proven: \(payload)") }
        let original = Array(validPayloads[0].utf8)
        let replacements: [UInt8] = Array(#"x"0 -\{}[],:.e"#.utf8)
        var corruptions = 0
        for index in original.indices {
            var variants = [original]
            variants[0].remove(at: index)
            for byte in replacements where byte != original[index] {
                var changed = original
                changed[index] = byte
                variants.append(changed)
                var inserted = original
                inserted.insert(byte, at: index)
                variants.append(inserted)
            }
            for variant in variants {
                let text = String(decoding: variant, as: UTF8.self)
                guard schema.proves(text) else { continue }
                corruptions += 1
                let parsed = try? JSONValue(parsing: text)
                #expect(parsed.map(schema.isValid) == true, "proved an invalid corruption: \(text)")
            }
        }
        print("\(corruptions) corruptions were still valid and proven")
    }

    @Test("declines what it cannot judge in one pass, and the tree validator decides", arguments: [
        (#"{"type":"object","required":["a","b"],"properties":{"a":{},"b":{}}}"#, #"{"a":1,"a":2}"#, false),
        (#"{"type":"object","required":["a"],"properties":{"a":{}}}"#, #"{"a":1,"a":2}"#, true),
        (#"{"type":"string","pattern":"^A"}"#, #""\u0041BC""#, true),
        (#"{"type":"string","maxLength":2}"#, #""\u00e9\u00e9""#, true),
        (#"{"type":"string","maxLength":1}"#, #""éé""#, false),
        (#"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#, #"3"#, true),
        (#"{"type":"integer"}"#, #"3.0"#, true),
        (#"{"type":"integer","minimum":4}"#, #"3.0"#, false),
        (#"{"const":{"a":1}}"#, #"{"a":1}"#, true),
    ])
    func declinesOrAgrees(_ schemaText: String, _ instance: String, _ valid: Bool) throws {
        let schema = try CompiledSchema(JSONValue(parsing: schemaText))
        #expect(schema.isValid(try JSONValue(parsing: instance)) == valid)
        #expect(!schema.proves(instance) || valid)
    }

    @Test("proves instances with escapes, nested arrays and $ref'd definitions")
    func provesTheCommonShapes() throws {
        let schema = try CompiledSchema(JSONValue(parsing: #"""
            {"type":"object","additionalProperties":false,"required":["name","lines"],
             "properties":{"name":{"type":"string","minLength":1},
                           "lines":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/line"}}},
             "$defs":{"line":{"type":"object","required":["amount"],
                              "properties":{"amount":{"type":"string","pattern":"^[0-9]+\\.[0-9]{2}$"},
                                            "kind":{"enum":["fee","interest"]}}}}}
            """#))
        #expect(schema.proves(#"{"name":"a \"quoted\" name","lines":[{"amount":"1.00","kind":"fee"},{"amount":"20.50"}]}"#))
        #expect(!schema.proves(#"{"name":"x","lines":[{"amount":"1.0"}]}"#))
        #expect(!schema.proves(#"{"name":"x","lines":[]}"#))
        #expect(!schema.proves(#"{"name":"x","lines":[{"amount":"1.00","kind":"penalty"}]}"#))
        #expect(!schema.proves(#"{"name":"x","lines":[{"amount":"1.00"}],"extra":true}"#))
        #expect(!schema.proves(#"{"name":"x","lines":[{"amount":"1.00"}]} x"#))
    }

    @Test("bytes: the same answer as the string for UTF-8 text, and never proven when they are not UTF-8")
    func provesBytes() throws {
        let schema = try CompiledSchema(JSONValue(parsing: #"{"type":"object","properties":{"name":{"type":"string","maxLength":3}}}"#))
        func proves(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { schema.proves(utf8: $0) } }
        #expect(proves(Array(#"{"name":"añ€"}"#.utf8)))  // three code points in six bytes
        #expect(!proves(Array(#"{"name":"añ€x"}"#.utf8)))
        // A lone continuation byte, a truncated sequence, an overlong "/" and a surrogate: none is UTF-8.
        for bad: [UInt8] in [[0x80], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80]] {
            #expect(!proves(Array(#"{"name":""#.utf8) + bad + Array(#""}"#.utf8)), "proved the bytes \(bad)")
        }
    }
}
