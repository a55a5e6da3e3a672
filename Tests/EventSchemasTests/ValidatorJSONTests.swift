import EventSchemas
import Testing

@Suite("JSON values, parser and serializer")
struct ValidatorJSONTests {
    @Test("integers and integral fractions are equal but booleans are not numbers")
    func numericEquality() throws {
        let one = try JSONValue(parsing: "1")
        let onePointZero = try JSONValue(parsing: "1.0")
        #expect(one == onePointZero)
        #expect(one.hashValue == onePointZero.hashValue)
        #expect(try JSONValue(parsing: "true") != one)
        #expect(onePointZero.numberValue?.isInteger == true)
        #expect(try JSONValue(parsing: "1.5").numberValue?.isInteger == false)
        #expect(try JSONValue(parsing: "1e2").numberValue?.int64 == 100)
    }

    @Test("integers beyond 2^53 stay exact")
    func bigIntegers() throws {
        let a = try JSONValue(parsing: "9007199254740993")
        let b = try JSONValue(parsing: "9007199254740992")
        #expect(a != b)
        #expect(a.numberValue?.int64 == 9_007_199_254_740_993)
        #expect(a.serialized() == "9007199254740993")
        #expect(try JSONValue(parsing: "-9223372036854775808").numberValue?.int64 == Int64.min)
        #expect(try JSONValue(parsing: "18446744073709551616").numberValue?.double == 18_446_744_073_709_551_616)
    }

    @Test("strings: escapes, surrogate pairs, and code-point equality")
    func strings() throws {
        let value = try JSONValue(parsing: #""a\"b\\c\/d\n\u00e9\ud83d\udca9""#)
        #expect(value.stringValue == "a\"b\\c/d\né💩")
        // Precomposed é and e + combining acute are different JSON strings.
        #expect(JSONValue.string("\u{e9}") != JSONValue.string("e\u{301}"))
    }

    @Test("syntax errors name line and column", arguments: [
        ("{\"a\": 1,\n  \"b\" 2}", 2, 7),
        ("[1, 2", 1, 6),
        ("01", 1, 1),
        ("{\"a\": tru}", 1, 7),
        ("\"unterminated", 1, 1),
    ])
    func syntaxErrors(text: String, line: Int, column: Int) {
        #expect {
            _ = try JSONValue(parsing: text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == line && error.column == column
        }
    }

    @Test("rejects trailing data, control characters and absurd nesting")
    func rejections() {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "{} {}") }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "\"a\u{1}b\"") }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: String(repeating: "[", count: 10_000)) }
    }

    @Test("serialization is compact, key-sorted and round-trips")
    func serialization() throws {
        let text = #"{"b":[1,2.5,true,null],"a":{"x":"q\"\n\u0001"}}"#
        let value = try JSONValue(parsing: text)
        let serialized = value.serialized()
        #expect(serialized == #"{"a":{"x":"q\"\n\u0001"},"b":[1,2.5,true,null]}"#)
        #expect(try JSONValue(parsing: serialized) == value)
    }

    @Test("JSON pointers escape ~ and / and resolve into documents")
    func pointers() throws {
        let pointer = JSONPointer(tokens: ["a/b", "c~d", "0"])
        #expect(pointer.description == "/a~1b/c~0d/0")
        #expect(JSONPointer(parsing: pointer.description) == pointer)
        let document = try JSONValue(parsing: #"{"a/b":{"c~d":["hit"]}}"#)
        #expect(pointer.resolve(in: document) == "hit")
        #expect(JSONPointer(tokens: ["missing"]).resolve(in: document) == nil)
    }
}
