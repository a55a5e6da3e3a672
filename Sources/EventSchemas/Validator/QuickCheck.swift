/// Proves UTF-8 JSON text valid against a compiled schema in one pass over its bytes, without
/// building a ``JSONValue`` tree. The relay checks every outbox payload this way before it publishes.
///
/// It answers `true` only when it is sure: the text is JSON that ``JSONParser`` accepts (numbers,
/// literals and escaped strings are read by that parser itself) and every keyword holds as
/// ``ValidationRun`` judges it. `false` means "not proven". The text may be invalid, or need what only
/// the tree validator evaluates: `anyOf`/`oneOf`/`not`/`if`, `patternProperties`, `propertyNames`,
/// `dependent*`, a `required` name missing from `properties`, `min`/`maxProperties`, `uniqueItems`,
/// `contains`, `$dynamicRef`, `unevaluated*`, `const`/`enum` on an array or object, a member name
/// that repeats or has escapes, or nesting beyond ``maxDepth``. The caller then parses the text and
/// runs ``CompiledSchema/validate(_:maxErrors:)``, which gives the verdict and the errors.
struct QuickCheck {
    /// The deepest nesting of values and subschemas proven here (the tree validator goes deeper).
    static let maxDepth = 64

    private var parser: JSONParser
    private let nodes: UnsafeBufferPointer<CompiledNode>
    private var depth = 0

    /// Whether `text` (valid UTF-8, as every Swift `String` is) is certainly a valid instance of `program`.
    static func proves(_ text: UnsafeBufferPointer<UInt8>, _ program: CompiledProgram) -> Bool {
        program.nodes.withUnsafeBufferPointer { nodes in
            var check = QuickCheck(parser: JSONParser(text), nodes: nodes)
            check.parser.skipWhitespace()
            guard check.value(program.root) else { return false }
            check.parser.skipWhitespace()
            return check.parser.index == text.count
        }
    }

    /// Reads the value at the current position and checks it against node `index` (nothing when `nil`).
    private mutating func value(_ index: Int?) -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return false }
        guard let index else { return read(nil) }
        let node = nodes.baseAddress! + index
        guard !node.pointee.needsAnnotations else { return false }
        let keywords = node.pointee.keywords
        if keywords.count == 1, case .ref(let target) = keywords[0] { return value(target) }
        let start = parser.index
        guard read(node) else { return false }
        let end = parser.index
        // `$ref` and `allOf` apply more nodes to the same value: it is read again for each.
        for keyword in keywords {
            switch keyword {
            case .ref(let target):
                parser.index = start
                guard value(target) else { return false }
            case .allOf(let targets):
                for target in targets {
                    parser.index = start
                    guard value(target) else { return false }
                }
            default:
                continue
            }
        }
        parser.index = end
        return true
    }

    /// Reads one value, checking the keywords of `node` that look at it directly.
    private mutating func read(_ node: UnsafePointer<CompiledNode>?) -> Bool {
        guard let first = parser.peek() else { return false }
        return switch first {
        case UInt8(ascii: "{"): object(node)
        case UInt8(ascii: "["): array(node)
        case UInt8(ascii: "\""): string(node)
        case UInt8(ascii: "t"): literal(node, "true", .bool(true), kind: .boolean)
        case UInt8(ascii: "f"): literal(node, "false", .bool(false), kind: .boolean)
        case UInt8(ascii: "n"): literal(node, "null", .null, kind: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): number(node)
        default: false
        }
    }

    private mutating func object(_ node: UnsafePointer<CompiledNode>?) -> Bool {
        var table: PropertyTable?
        for keyword in node?.pointee.keywords ?? [] {
            switch keyword {
            case .type(let types):
                guard types.contains(.object) else { return false }
            case .properties(let properties):
                guard table == nil, properties.patterns.isEmpty, properties.named.count <= 64 else { return false }
                table = properties
            default:
                guard Self.passes(keyword, kind: .object) else { return false }
            }
        }
        parser.index += 1
        parser.skipWhitespace()
        let required = table?.required.count ?? 0
        if parser.peek() == UInt8(ascii: "}") {
            parser.index += 1
            return required == 0
        }
        var seen: UInt64 = 0
        var requiredSeen = 0
        while true {
            guard let name = parser.plainString() else { return false }
            parser.skipWhitespace()
            guard parser.peek() == UInt8(ascii: ":") else { return false }
            parser.index += 1
            parser.skipWhitespace()
            if let table, let property = table.named.entry(utf8: name) {
                // A repeated name is not proven: the tree keeps only its last value.
                let bit: UInt64 = 1 << UInt64(property.index)
                guard seen & bit == 0 else { return false }
                seen |= bit
                if property.required { requiredSeen += 1 }
                guard value(property.node) else { return false }
            } else {
                guard value(table?.additional) else { return false }
            }
            switch separator(closing: UInt8(ascii: "}")) {
            case .more: continue
            case .closed: return requiredSeen == required
            case .malformed: return false
            }
        }
    }

    private mutating func array(_ node: UnsafePointer<CompiledNode>?) -> Bool {
        var items: ItemTable?
        var minimum = 0
        var maximum = Int.max
        for keyword in node?.pointee.keywords ?? [] {
            switch keyword {
            case .type(let types): guard types.contains(.array) else { return false }
            case .items(let table): items = table
            case .minItems(let count): minimum = count
            case .maxItems(let count): maximum = count
            default: guard Self.passes(keyword, kind: .array) else { return false }
            }
        }
        parser.index += 1
        parser.skipWhitespace()
        var count = 0
        if parser.peek() == UInt8(ascii: "]") {
            parser.index += 1
            return minimum == 0
        }
        while true {
            let child = items.flatMap { count < $0.prefix.count ? $0.prefix[count] : $0.rest }
            guard value(child) else { return false }
            count += 1
            switch separator(closing: UInt8(ascii: "]")) {
            case .more: continue
            case .closed: return count >= minimum && count <= maximum
            case .malformed: return false
            }
        }
    }

    /// What follows a member or an element.
    private enum Separator { case more, closed, malformed }

    /// Reads past the comma before the next member or element, or past the closing bracket.
    private mutating func separator(closing: UInt8) -> Separator {
        parser.skipWhitespace()
        let byte = parser.peek()
        if byte == UInt8(ascii: ",") {
            parser.index += 1
            parser.skipWhitespace()
            return .more
        }
        guard byte == closing else { return .malformed }
        parser.index += 1
        return .closed
    }

    /// For a keyword that does not look at values of this kind: whether the value passes it unread.
    /// Keywords left to the tree validator answer `false` whatever the value.
    static func passes(_ keyword: Keyword, kind: TypeSet) -> Bool {
        switch keyword {
        case .ref, .allOf: true  // applied by ``value(_:)``
        case .minimum, .maximum, .exclusiveMinimum, .exclusiveMaximum, .multipleOf: kind != .number
        case .minLength, .maxLength, .pattern, .format: kind != .string
        case .minItems, .maxItems, .items: kind != .array
        case .properties: kind != .object
        default: false
        }
    }
}

extension QuickCheck {
    private mutating func string(_ node: UnsafePointer<CompiledNode>?) -> Bool {
        let bytes = parser.bytes
        let quote = parser.index
        var end = quote + 1
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                // Escapes are decoded by the parser, and the keywords see the decoded text.
                guard var decoded = try? parser.parseString() else { return false }
                guard let node else { return true }
                return decoded.withUTF8 { Self.stringKeywords(node, $0) }
            }
            if byte < 0x20 { return false }
            end += 1
        }
        guard end < bytes.count else { return false }
        parser.index = end + 1
        guard let node else { return true }
        return Self.stringKeywords(node, UnsafeBufferPointer(rebasing: bytes[(quote + 1)..<end]))
    }

    /// Checks a string's keywords against its (valid UTF-8) text.
    private static func stringKeywords(_ node: UnsafePointer<CompiledNode>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        for keyword in node.pointee.keywords {
            switch keyword {
            case .type(let types):
                guard types.contains(.string) else { return false }
            case .const(let expected):
                guard isString(expected, text) else { return false }
            case .enumeration(let options):
                guard options.contains(where: { isString($0, text) }) else { return false }
            case .minLength(let minimum):
                guard scalarCount(text) >= minimum else { return false }
            case .maxLength(let maximum):
                guard scalarCount(text) <= maximum else { return false }
            case .pattern(let pattern):
                guard pattern.matches(utf8: text) ?? pattern.matches(String(decoding: text, as: UTF8.self)) else { return false }
            case .format(let format):
                guard format.accepts(utf8: text) ?? format.accepts(String(decoding: text, as: UTF8.self)) else { return false }
            default:
                guard passes(keyword, kind: .string) else { return false }
            }
        }
        return true
    }

    /// Whether `value` is the string whose UTF-8 bytes are `text` (JSON equality: same code points).
    private static func isString(_ value: JSONValue, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard case .string(var expected) = value else { return false }
        return expected.withUTF8 { $0.count == text.count && $0.elementsEqual(text) }
    }

    /// The number of Unicode code points in valid UTF-8 (JSON Schema's string length).
    private static func scalarCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in text where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    private mutating func number(_ node: UnsafePointer<CompiledNode>?) -> Bool {
        guard let number = try? parser.parseNumber() else { return false }
        for keyword in node?.pointee.keywords ?? [] {
            switch keyword {
            case .type(let types):
                guard types.admits(.number(number)) else { return false }
            case .const(let expected):
                guard expected == .number(number) else { return false }
            case .enumeration(let options):
                guard options.contains(.number(number)) else { return false }
            case .minimum, .maximum, .exclusiveMinimum, .exclusiveMaximum, .multipleOf:
                guard keyword.holds(forNumber: number) else { return false }
            default:
                guard Self.passes(keyword, kind: .number) else { return false }
            }
        }
        return true
    }

    private mutating func literal(_ node: UnsafePointer<CompiledNode>?, _ text: StaticString, _ value: JSONValue,
                                  kind: TypeSet) -> Bool {
        guard (try? parser.expectLiteral(text)) != nil else { return false }
        for keyword in node?.pointee.keywords ?? [] {
            switch keyword {
            case .type(let types): guard types.contains(kind) else { return false }
            case .const(let expected): guard expected == value else { return false }
            case .enumeration(let options): guard options.contains(value) else { return false }
            default: guard Self.passes(keyword, kind: kind) else { return false }
            }
        }
        return true
    }
}

extension CompiledSchema {
    /// Whether JSON text is certainly a valid instance, proven in one pass over its UTF-8 bytes
    /// without building a tree (several times faster than parsing and validating).
    ///
    /// `false` does not mean invalid, only "not proven here": parse the text and call
    /// ``validate(_:maxErrors:)`` for the verdict and its errors.
    ///
    /// - Parameter text: The JSON text.
    /// - Returns: `true` only when ``isValid(_:)`` of the parsed text is `true`.
    public func proves(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { QuickCheck.proves($0, program) }
    }

    /// Whether JSON text given as bytes (a database column, a network buffer) is certainly a valid
    /// instance, like ``proves(_:)`` without first making a `String` of it.
    ///
    /// - Parameter utf8: The text's bytes. Bytes that are not valid UTF-8 are never proven.
    /// - Returns: `true` only when ``isValid(_:)`` of the text parsed as a `String` is `true`.
    public func proves(utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        // The proof reads string contents as they are; it may only see valid UTF-8.
        if ASCII.isASCII(utf8) { return QuickCheck.proves(utf8, program) }
        guard let text = String(validating: utf8, as: UTF8.self) else { return false }
        return proves(text)
    }
}
