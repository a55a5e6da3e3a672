/// Formats of addresses and names: email, URI, IP addresses, hostnames.
extension FormatChecks {
    /// RFC 5321 mailbox, the common subset: dot-atom or quoted local part, `@`, a hostname or
    /// an address literal (`[127.0.0.1]`, `[IPv6:::1]`).
    static func isEmail(_ string: String) -> Bool {
        guard let at = string.lastIndex(of: "@") else { return false }
        let local = string[..<at]
        let domain = string[string.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty else { return false }
        if local.hasPrefix("\"") {
            guard local.count >= 2, local.hasSuffix("\"") else { return false }
        } else {
            let atext = Set("!#$%&'*+-/=?^_`{|}~")
            guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains(".."),
                local.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || atext.contains($0) || $0 == "." })
            else { return false }
        }
        if domain.hasPrefix("[") {
            guard domain.hasSuffix("]") else { return false }
            let literal = domain.dropFirst().dropLast()
            if literal.hasPrefix("IPv6:") { return isIPv6(String(literal.dropFirst(5))) }
            return isIPv4(literal)
        }
        return isHostname(String(domain))
    }

    /// RFC 3986 URI (with `requireScheme`) or URI reference: valid characters and
    /// percent-escapes, a syntactically valid scheme, brackets only around an IP literal host.
    static func isURI(_ string: String, requireScheme: Bool) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%")
        let bytes = Array(string.utf8)
        for (index, byte) in bytes.enumerated() {
            guard byte < 0x80, allowed.contains(Character(Unicode.Scalar(byte))) else { return false }
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
            }
        }
        let parts = SchemaURI.Parts(string)
        if requireScheme {
            guard let scheme = parts.scheme, !scheme.isEmpty else { return false }
        } else if parts.scheme == nil, let colon = string.firstIndex(of: ":"),
            !string[..<colon].contains("/"), !string[..<colon].contains("?"), !string[..<colon].contains("#")
        {
            return false  // a colon in the first segment of a relative path is not allowed
        }
        if let authority = parts.authority, !isAuthority(authority) { return false }
        let fragmentOK = !(parts.fragment ?? "").contains("#")
        let restOK = !parts.path.contains("[") && !parts.path.contains("]") && !(parts.query ?? "").contains("[")
        return fragmentOK && restOK
    }

    /// RFC 3986 authority: `[userinfo@]host[:port]`, one `@` at most, brackets only around an
    /// IP literal, and a numeric port.
    private static func isAuthority(_ authority: String) -> Bool {
        let pieces = authority.split(separator: "@", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { return false }
        if pieces.count == 2, pieces[0].contains("[") || pieces[0].contains("]") { return false }
        var hostPort = pieces.last ?? ""
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { return false }
            let literal = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            guard isIPv6(String(literal)) || literal.lowercased().hasPrefix("v") else { return false }
            hostPort = hostPort[hostPort.index(after: close)...]
            guard hostPort.isEmpty || hostPort.hasPrefix(":") else { return false }
        } else if hostPort.contains("[") || hostPort.contains("]") {
            return false
        }
        guard let colon = hostPort.lastIndex(of: ":") else { return true }
        return hostPort[hostPort.index(after: colon)...].utf8.allSatisfy(isDigit)
    }

    /// Dotted-quad IPv4 without leading zeros.
    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.utf8.allSatisfy(isDigit),
                part.count == 1 || !part.hasPrefix("0"), let value = Int(part), value <= 255
            else { return false }
        }
        return true
    }

    /// RFC 4291 textual IPv6, including `::` compression and a trailing IPv4 part.
    static func isIPv6(_ string: String) -> Bool {
        guard string.utf8.allSatisfy({ isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else { return false }
        let halves = string.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (halfIndex, half) in halves.enumerated() {
            if half.isEmpty { continue }
            let pieces = half.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if piece.contains(".") {
                    guard halfIndex == halves.count - 1, index == pieces.count - 1, isIPv4(piece) else { return false }
                    groups += 2
                } else {
                    guard (1...4).contains(piece.count) else { return false }
                    groups += 1
                }
            }
        }
        return halves.count == 2 ? groups <= 7 : groups == 8
    }

    /// RFC 1123 hostname: dot-separated labels of letters, digits and inner hyphens, each 1–63
    /// characters, 253 in all. A-labels (`xn--…`) are checked for shape only, not decoded
    /// (IDNA2008 context rules are not implemented), and other labels may not have `--` in
    /// positions 3–4 (reserved for IDNA).
    static func isHostname(_ string: String) -> Bool {
        let name = Substring(string)
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            let bytes = Array(label.utf8)
            if bytes.count >= 4, bytes[2] == UInt8(ascii: "-"), bytes[3] == UInt8(ascii: "-"),
                !label.lowercased().hasPrefix("xn--")
            {
                return false
            }
            guard (1...63).contains(label.utf8.count), !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.utf8.allSatisfy({ isDigit($0) || (($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z")) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return true
    }
}

extension String {
    /// Splits at `::`; more than one `::` yields more than two parts.
    fileprivate func components(separatedByDoubleColon: Void) -> [Substring] {
        var parts: [Substring] = []
        var rest = self[...]
        while let range = rest.firstRange(of: "::") {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}
