@testable import EventSchemas
import Foundation
import Testing

@Suite("Regular expressions (built-in ECMA subset and fallback)")
struct ValidatorRegexTests {
    @Test("the built-in engine handles the subset", arguments: [
        ("^[A-Z]{3}$", "INR", true), ("^[A-Z]{3}$", "INRX", false), ("^[A-Z]{3}$", "inr", false),
        ("^(0|[1-9][0-9]*)(\\.[0-9]{1,3})?$", "1250.00", true), ("^(0|[1-9][0-9]*)(\\.[0-9]{1,3})?$", "01.5", false),
        ("^(0|[1-9][0-9]*)(\\.[0-9]{1,3})?$", "12.5x", false), ("^-?\\d+$", "-42", true), ("^\\d+$", "\u{7c0}", false),
        ("a+", "xxaay", true), ("colou?r", "my color", true), ("^a*$", "", true), ("^(ab|cd)+$", "abcdab", true),
        ("^(ab|cd)+$", "abc", false), ("[^a-c]", "abc", false), ("[^a-c]", "abcd", true), ("^.$", "💩", true),
        ("^.$", "\n", false), ("\\w+@\\w+", "me@host", true), ("^\\s*$", " \t\u{a0}", true), ("x{2,}", "xx", true),
        ("x{2,}", "x", false), ("^[\\-+]?[0-9]{1,4}$", "+123", true), ("^\\u00e9$", "é", true), ("p$", "p\n", false),
    ])
    func builtIn(pattern: String, input: String, matches: Bool) throws {
        let program = try RegexProgram(pattern)
        #expect(program.matches(input) == matches)
        #expect(try SchemaPattern(pattern).matches(input) == matches)
    }

    @Test("patterns outside the subset fall back to NSRegularExpression", arguments: [
        ("^(?!foo)", "bar", true), ("^(?!foo)", "food", false), ("\\bword\\b", "a word here", true), ("(a)\\1", "aa", true),
    ])
    func fallback(pattern: String, input: String, matches: Bool) throws {
        #expect(throws: RegexUnsupported.self) { try RegexProgram(pattern) }
        #expect(try SchemaPattern(pattern).matches(input) == matches)
    }

    @Test("invalid patterns are compile errors naming the keyword")
    func invalid() {
        #expect {
            try CompiledSchema(JSONValue(parsing: #"{"properties": {"a": {"pattern": "^(abc"}}}"#))
        } throws: { error in
            (error as? SchemaCompileError)?.location.description == "/properties/a/pattern"
        }
    }

    @Test("the ASCII automaton, the Pike VM and ICU agree on random inputs", arguments: [
        "^[A-Z]{3}$", "^(0|[1-9][0-9]*)(\\.[0-9]{1,3})?$", "a+b", "^(ab|a)*c?$", "x.y", "[^0-9]{2,3}",
        "(^a|b$)", "^$", "colou?r|flavou?r", "^[0-9a-f]{8}-[0-9a-f]{4}$", "(a|ab)(c|bcd)",
    ])
    func enginesAgree(pattern: String) throws {
        let program = try RegexProgram(pattern)
        let icu = try NSRegularExpression(pattern: pattern)
        var generator = SystemRandomNumberGenerator()
        // ICU's `$` also matches before a final newline (ECMA's does not), so no newlines there.
        let alphabet = Array(pattern.contains("$") ? "abcdxyAZ019.- " : "abcdxyAZ019.-\n ")
        for _ in 0..<400 {
            let length = Int.random(in: 0...8, using: &generator)
            let input = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let expected = icu.firstMatch(in: input, range: NSRange(location: 0, length: input.utf16.count)) != nil
            #expect(program.matches(input) == expected, "\(pattern) on \(input.debugDescription)")
            #expect(program.matches(input, useAutomaton: false) == expected, "\(pattern) on \(input.debugDescription)")
        }
    }

    @Test("no catastrophic backtracking")
    func linearTime() throws {
        let program = try RegexProgram("^(a+)+$")
        let input = String(repeating: "a", count: 5_000) + "!"
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(!program.matches(input)) }
        #expect(elapsed < .seconds(2))
    }
}
