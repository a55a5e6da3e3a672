/// One whole schema document: resolves local `$ref`s and normalizes subschemas before comparison.
struct CompatibilityDocument {
    let root: JSONValue
    private let anchors: [String: JSONValue]

    /// - Throws: `CompatibilityError` when the root is neither an object nor a boolean.
    init(_ root: JSONValue) throws {
        switch root {
        case .object, .bool: break
        default: throw CompatibilityError(.invalidSchema, "a schema must be a JSON object or a boolean")
        }
        self.root = root
        var anchors: [String: JSONValue] = [:]
        Self.collectAnchors(root, into: &anchors)
        self.anchors = anchors
    }

    /// Follows `$ref` until a schema without one remains, merging sibling assertions as `allOf`.
    ///
    /// - Returns: the resolved schema and the chain of references followed (empty if none).
    /// - Throws: `CompatibilityError.unresolvableReference` for remote or dangling references.
    func resolve(_ schema: JSONValue, at path: [String]) throws -> (schema: JSONValue, refs: [String]) {
        var current = schema
        var refs: [String] = []
        while case .object(var members) = current, case .string(let ref)? = members["$ref"] {
            guard refs.count < 32, !refs.contains(ref) else {
                throw CompatibilityError(.tooDeep, "$ref chain \(refs.joined(separator: " -> ")) loops", at: path)
            }
            refs.append(ref)
            let target = try lookup(ref, at: path)
            members["$ref"] = nil
            let siblings = members.filter { !SchemaView.annotationKeywords.contains($0.key) }
            current = siblings.isEmpty ? target : .object(["allOf": .array([target, .object(siblings)])])
        }
        return (current, refs)
    }

    private func lookup(_ ref: String, at path: [String]) throws -> JSONValue {
        guard ref.hasPrefix("#") else {
            throw CompatibilityError(.unresolvableReference,
                                     "$ref \"\(ref)\" is not local; only #/$defs/… and #/definitions/… are followed",
                                     at: path)
        }
        let fragment = String(ref.dropFirst())
        if !fragment.isEmpty, !fragment.hasPrefix("/") {
            if let anchored = anchors[fragment] { return anchored }
            throw CompatibilityError(.unresolvableReference, "$ref \"\(ref)\" names no $anchor", at: path)
        }
        var node = root
        for rawToken in fragment.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let token = Self.unescape(String(rawToken))
            switch node {
            case .object(let members) where members[token] != nil:
                node = members[token]!
            case .array(let items) where Int(token).map({ items.indices.contains($0) }) == true:
                node = items[Int(token)!]
            default:
                throw CompatibilityError(.unresolvableReference, "$ref \"\(ref)\" points at nothing", at: path)
            }
        }
        return node
    }

    private static func unescape(_ token: String) -> String {
        var decoded = token.removingPercentEscapesForPointer()
        decoded = decoded.replacingTilde()
        return decoded
    }

    private static func collectAnchors(_ node: JSONValue, into anchors: inout [String: JSONValue]) {
        switch node {
        case .object(let members):
            if case .string(let anchor)? = members["$anchor"] { anchors[anchor] = node }
            for child in members.values { collectAnchors(child, into: &anchors) }
        case .array(let items):
            for child in items { collectAnchors(child, into: &anchors) }
        default:
            break
        }
    }
}

private extension String {
    /// RFC 6901 unescaping: `~1` is `/`, then `~0` is `~`.
    func replacingTilde() -> String {
        var result = ""
        var iterator = makeIterator()
        while let character = iterator.next() {
            guard character == "~" else { result.append(character); continue }
            switch iterator.next() {
            case "1": result.append("/")
            case "0": result.append("~")
            case let other?: result.append("~"); result.append(other)
            case nil: result.append("~")
            }
        }
        return result
    }

    /// `$ref` fragments are URI-encoded; decode `%XX` so `#/$defs/a%20b` finds `a b`.
    func removingPercentEscapesForPointer() -> String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
