import Foundation

/// A compiled `pattern`/`patternProperties` regular expression.
///
/// Patterns in the common ECMA-262 subset (literals, classes, `\d\w\s`, groups, `|`, anchors,
/// quantifiers) run on the built-in ``RegexProgram``: linear time, no allocation, ECMA
/// semantics (`\d` is ASCII, `$` only at the very end, `.` excludes line terminators). Other
/// patterns (look-around, back-references, `\b`, `\p{…}`) fall back to `NSRegularExpression`
/// (ICU), whose `\w`/`\s` and `$` differ slightly from ECMA-262. Patterns are unanchored
/// searches, as the specification requires.
///
/// `NSRegularExpression` is immutable and documented thread-safe, hence the one
/// `@unchecked Sendable` here.
final class SchemaPattern: @unchecked Sendable {
    /// The pattern source, for messages.
    let source: String
    private let program: RegexProgram?
    private let fallback: NSRegularExpression?

    /// Compiles a pattern.
    ///
    /// - Parameter source: The ECMA-262 pattern.
    /// - Throws: When the pattern does not compile.
    init(_ source: String) throws {
        self.source = source
        if let program = try? RegexProgram(source) {
            self.program = program
            fallback = nil
        } else {
            program = nil
            fallback = try NSRegularExpression(pattern: Self.asciiDigits(source), options: [])
        }
    }

    /// Whether the pattern occurs somewhere in `string`.
    ///
    /// - Parameter string: The string to search.
    /// - Returns: `true` on a match.
    func matches(_ string: String) -> Bool {
        if let program { return program.matches(string) }
        guard let fallback else { return false }
        let range = NSRange(location: 0, length: string.utf16.count)
        return fallback.firstMatch(in: string, options: [], range: range) != nil
    }

    /// Whether the pattern occurs in valid UTF-8 text, when the built-in engine can tell without a `String`.
    ///
    /// - Parameter bytes: The string's UTF-8 bytes.
    /// - Returns: `nil` for patterns that run on `NSRegularExpression` (use ``matches(_:)``).
    func matches(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        program?.matches(utf8: bytes)
    }

    /// Rewrites `\d`/`\D` as ASCII digit classes for ICU, leaving escaped backslashes alone.
    private static func asciiDigits(_ source: String) -> String {
        guard source.contains("\\") else { return source }
        var output = ""
        var escaped = false
        for character in source {
            if escaped {
                switch character {
                case "d": output += "[0-9]"
                case "D": output += "[^0-9]"
                default: output += "\\" + String(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                output.append(character)
            }
        }
        if escaped { output += "\\" }
        return output
    }
}
