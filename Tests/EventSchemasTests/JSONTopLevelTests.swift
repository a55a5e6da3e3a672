import EventSchemas
import Foundation
import Testing

/// `JSONTopLevel.members`, the tree-free reader of an object's top level that the projector reads envelope
/// fields with: on valid JSON it must report what the parsed tree holds, and on anything else stop safely.
@Suite("Top-level members of a JSON object, without a tree")
struct JSONTopLevelTests {
    /// What the reader reported, with values as text: `s:` plain strings, `i:` integers, `other`.
    static func read(_ text: String) -> [(String, String)]? {
        var members: [(String, String)] = []
        let complete = Array(text.utf8).withUnsafeBufferPointer { bytes in
            JSONTopLevel.members(bytes) { name, value in
                let rendered = switch value {
                case .string(let bytes): "s:" + String(decoding: bytes, as: UTF8.self)
                case .integer(let number): "i:\(number)"
                case .other: "other"
                }
                members.append((String(decoding: name, as: UTF8.self), rendered))
            }
        }
        return complete ? members : nil
    }

    @Test("reports plain strings and integers, and skips nested values, escapes, fractions and literals")
    func members() throws {
        let text = #" { "a" : "plain", "b":12, "c":-7, "d":{"x":["}",{"y":"\"]"}]}, "e":"esc\"aped", "f":1.5, "g":2e3, "h":true, "i":null, "j":[], "k":"" } "#
        let members = try #require(Self.read(text))
        #expect(members.map(\.0) == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"])
        #expect(members.map(\.1) == ["s:plain", "i:12", "i:-7", "other", "other", "other", "other", "other", "other", "other", "s:"])
        #expect(Self.read("{}")?.isEmpty == true)
        #expect(Self.read(#"{"big":92233720368547758070}"#)?.first?.1 == "other", "an integer beyond 64 bits is not reported as one")
        #expect(Self.read(#"{"z":007}"#)?.first?.1 == "other", "a leading zero is left to the parser")
    }

    @Test("stops at what is not one plain object: arrays, escaped names, missing separators, trailing data")
    func refusals() {
        for text in ["[1]", "\"s\"", #"{"a\u0062":1}"#, #"{"a" 1}"#, #"{"a":1 "b":2}"#, #"{"a":1} x"#, #"{"a":1,}"#, "", "{", #"{"a":"#] {
            #expect(Self.read(text) == nil, "read \(text)")
        }
    }

    @Test("every cut of an envelope short of its end stops without reading past the bytes")
    func truncations() throws {
        let payload = try #require(ValidationBenchmark.repaymentReceivedPayloads(count: 1).first)
        let bytes = Array(payload.utf8)
        #expect(Self.read(payload) != nil)
        for length in 0..<bytes.count {
            // An exactly sized copy, so that reading one byte past it is caught by the address sanitizer in debug runs.
            let cut = Array(bytes[0..<length])
            let complete = cut.withUnsafeBufferPointer { JSONTopLevel.members($0) { _, _ in } }
            #expect(!complete, "a text cut at \(length) of \(bytes.count) bytes was read as a whole object")
        }
    }

    @Test("on objects of the JSON-Schema-Test-Suite, what it reports is what the parsed tree holds")
    func agreesWithTheTree() throws {
        guard let suite = ConformanceCorpus.suiteDirectory() else {
            Issue.record(ConformanceCorpus.missingMessage)
            return
        }
        var compared = 0
        for file in try ConformanceCorpus.testFiles(in: suite, draft: ConformanceDraft.draft2020_12.directory) {
            guard case .array(let groups) = try JSONValue(parsing: Array(try Data(contentsOf: file))) else { continue }
            for test in groups.flatMap({ $0["tests"]?.arrayValue ?? [] }) {
                guard case .object(let tree) = test["data"] ?? .null else { continue }
                let text = JSONValue.object(tree).serialized()
                guard let members = Self.read(text) else {
                    // Only names with escapes stop it on valid text.
                    #expect(tree.keys.contains { $0.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") } },
                            "stopped on \(text)")
                    continue
                }
                #expect(Set(members.map(\.0)) == Set(tree.keys), "names of \(text)")
                for (name, value) in members {
                    switch tree[name] {
                    case .string(let string)?:
                        // The serializer escapes quotes, backslashes and control characters, and nothing else.
                        let escaped = string.unicodeScalars.contains { $0.value < 0x20 || $0 == "\"" || $0 == "\\" }
                        #expect(value == (escaped ? "other" : "s:" + string), "\(name) in \(text)")
                    case .number(let number)?:
                        #expect(value == (number.int64.map { "i:\($0)" } ?? "other"), "\(name) in \(text)")
                    default:
                        #expect(value == "other", "\(name) in \(text) read as \(value)")
                    }
                }
                compared += 1
            }
        }
        #expect(compared > 200, "compared only \(compared) objects")
    }
}
