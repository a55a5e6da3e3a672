/// Splits a SQL script into statements, because PostgreSQL's extended protocol (which
/// postgres-nio speaks) runs one statement per query.
///
/// Semicolons inside single-quoted strings, double-quoted identifiers, dollar-quoted bodies
/// (`$$ … $$`, `$tag$ … $tag$`) and comments do not end a statement.
enum SQLScript {
    /// - Parameter script: one or more statements separated by `;`.
    /// - Returns: the statements, trimmed, without their terminating `;`, empty ones dropped.
    static func statements(in script: String) -> [String] {
        let chars = Array(script.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var index = 0
        func flush() {
            let text = String(current).trimmingWhitespace()
            if !text.isEmpty { statements.append(text) }
            current = String.UnicodeScalarView()
        }
        func copy(until end: Int) {
            current.append(contentsOf: chars[index..<end])
            index = end
        }
        while index < chars.count {
            let c = chars[index]
            let next: Unicode.Scalar? = index + 1 < chars.count ? chars[index + 1] : nil
            switch c {
            case "'", "\"":
                copy(until: closing(c, in: chars, from: index + 1))
            case "-" where next == "-":
                copy(until: chars[index...].firstIndex(of: "\n") ?? chars.count)
            case "/" where next == "*":
                copy(until: endOfBlockComment(in: chars, from: index + 2))
            case "$":
                if let tagEnd = dollarTagEnd(in: chars, from: index) {
                    let tag = Array(chars[index...tagEnd])
                    copy(until: endOfDollarQuote(tag, in: chars, from: tagEnd + 1))
                } else {
                    copy(until: index + 1)
                }
            case ";":
                index += 1
                flush()
            default:
                copy(until: index + 1)
            }
        }
        flush()
        return statements
    }

    /// The index just past the quote that closes one opened before `start` (doubled quotes escape).
    private static func closing(_ quote: Unicode.Scalar, in chars: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < chars.count {
            if chars[i] == quote {
                if i + 1 < chars.count, chars[i + 1] == quote { i += 2; continue }
                return i + 1
            }
            i += 1
        }
        return chars.count
    }

    private static func endOfBlockComment(in chars: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i + 1 < chars.count {
            if chars[i] == "*", chars[i + 1] == "/" { return i + 2 }
            i += 1
        }
        return chars.count
    }

    /// For `$tag$` starting at `start`, the index of the closing `$` of the tag; nil when `$` is not a tag.
    private static func dollarTagEnd(in chars: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start + 1
        while i < chars.count {
            let c = chars[i]
            if c == "$" { return i }
            guard c == "_" || c.properties.isAlphabetic || (i > start + 1 && c.properties.numericType != nil) else { return nil }
            i += 1
        }
        return nil
    }

    private static func endOfDollarQuote(_ tag: [Unicode.Scalar], in chars: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i + tag.count <= chars.count {
            if chars[i] == "$", Array(chars[i..<(i + tag.count)]) == tag { return i + tag.count }
            i += 1
        }
        return chars.count
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
