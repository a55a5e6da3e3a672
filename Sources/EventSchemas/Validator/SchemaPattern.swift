import Foundation

/// A compiled `pattern`/`patternProperties` regular expression.
///
/// Uses `NSRegularExpression` (ICU syntax), which accepts the ECMA-262 patterns schemas use in
/// practice. Differences from ECMA-262: `\d`, `\w` and `\s` are Unicode-aware in ICU (ECMA's
/// `\d` is ASCII-only), and ECMA-only syntax such as `\cX` control escapes or `[^]` is not
/// understood. Patterns are unanchored searches, as the specification requires.
///
/// `NSRegularExpression` is immutable and documented thread-safe, hence the one
/// `@unchecked Sendable` wrapper here.
final class SchemaPattern: @unchecked Sendable {
    /// The pattern source, for messages.
    let source: String
    private let regex: NSRegularExpression
    /// A literal that must occur for `^literal` patterns without metacharacters (fast path).
    private let literalPrefix: String?

    /// Compiles a pattern.
    ///
    /// - Parameter source: The ECMA-262 pattern.
    /// - Throws: When the pattern does not compile.
    init(_ source: String) throws {
        self.source = source
        // ECMA's \d is ASCII; ICU's is Unicode. Translating keeps `^\d+$` from accepting "߀".
        regex = try NSRegularExpression(pattern: Self.asciiDigits(source), options: [])
        let body = source.dropFirst()
        if source.hasPrefix("^"), !body.isEmpty,
            body.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        {
            literalPrefix = String(body)
        } else {
            literalPrefix = nil
        }
    }

    /// Rewrites `\d`/`\D` as ASCII digit classes, leaving escaped backslashes alone.
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

    /// Whether the pattern occurs somewhere in `string`.
    ///
    /// - Parameter string: The string to search.
    /// - Returns: `true` on a match.
    func matches(_ string: String) -> Bool {
        if let literalPrefix { return string.hasPrefix(literalPrefix) }
        let range = NSRange(location: 0, length: string.utf16.count)
        return regex.firstMatch(in: string, options: [], range: range) != nil
    }
}
