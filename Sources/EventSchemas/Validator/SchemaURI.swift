/// Minimal RFC 3986 URI references: splitting off fragments and resolving relative references.
///
/// Schemas identify themselves with `$id` and point at each other with `$ref`; both are URI
/// references resolved against the current base URI. Only the syntax is handled; nothing is
/// ever fetched.
enum SchemaURI {
    /// Splits `uri` at the first `#`.
    ///
    /// - Parameter uri: A URI reference.
    /// - Returns: The part before the fragment and the fragment (without `#`, percent-decoded).
    static func split(_ uri: String) -> (base: String, fragment: String) {
        guard let hash = uri.firstIndex(of: "#") else { return (uri, "") }
        let fragment = String(uri[uri.index(after: hash)...])
        return (String(uri[..<hash]), percentDecoded(fragment))
    }

    /// Resolves `reference` against `base` (RFC 3986 section 5.2).
    ///
    /// - Parameters:
    ///   - reference: The relative or absolute reference, e.g. `item.json#/$defs/a`.
    ///   - base: The absolute base URI, possibly empty when the root schema has no `$id`.
    /// - Returns: The resolved URI, fragment included.
    static func resolve(_ reference: String, against base: String) -> String {
        let ref = Parts(reference)
        if ref.scheme != nil { return ref.recomposed(path: removeDotSegments(ref.path)) }
        let baseParts = Parts(base)
        var result = Parts(scheme: baseParts.scheme, authority: baseParts.authority,
                           path: baseParts.path, query: baseParts.query, fragment: ref.fragment)
        if ref.authority != nil {
            result.authority = ref.authority
            result.path = removeDotSegments(ref.path)
            result.query = ref.query
        } else if ref.path.isEmpty {
            if ref.query != nil { result.query = ref.query }
        } else {
            if ref.path.hasPrefix("/") {
                result.path = removeDotSegments(ref.path)
            } else if baseParts.authority != nil, baseParts.path.isEmpty {
                result.path = removeDotSegments("/" + ref.path)
            } else if let slash = baseParts.path.lastIndex(of: "/") {
                result.path = removeDotSegments(String(baseParts.path[...slash]) + ref.path)
            } else {
                result.path = removeDotSegments(ref.path)
            }
            result.query = ref.query
        }
        return result.recomposed(path: result.path)
    }

    /// Removes `.` and `..` segments from a path.
    private static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (offset, segment) in segments.enumerated() {
            let isLast = offset == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if output.count > 1 || (output.count == 1 && !output[0].isEmpty) { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        var joined = output.joined(separator: "/")
        if path.hasPrefix("/"), !joined.hasPrefix("/") { joined = "/" + joined }
        return joined
    }

    /// Decodes `%XX` escapes (used in JSON pointer fragments such as `#/$defs/a%25b`).
    ///
    /// - Parameter text: The escaped text.
    /// - Returns: The decoded text; invalid escapes are kept as they are.
    static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = ASCII.hexValue(utf8[index + 1]), let low = ASCII.hexValue(utf8[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension SchemaURI {
    /// The five components of a URI reference.
    struct Parts {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String?
        var fragment: String?

        init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
            (self.scheme, self.authority, self.path, self.query, self.fragment) =
                (scheme, authority, path, query, fragment)
        }

        /// Splits a URI reference into its components.
        init(_ text: String) {
            var rest = Substring(text)
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let question = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: question)...])
                rest = rest[..<question]
            }
            if let colon = rest.firstIndex(of: ":"), let first = rest.first, first.isLetter,
                rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
            {
                scheme = String(rest[..<colon])
                rest = rest[rest.index(after: colon)...]
            }
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
                let end = rest.firstIndex(of: "/") ?? rest.endIndex
                authority = String(rest[..<end])
                rest = rest[end...]
            }
            path = String(rest)
        }

        func recomposed(path: String) -> String {
            var text = ""
            if let scheme { text += scheme + ":" }
            if let authority { text += "//" + authority }
            text += path
            if let query { text += "?" + query }
            if let fragment { text += "#" + fragment }
            return text
        }
    }
}
