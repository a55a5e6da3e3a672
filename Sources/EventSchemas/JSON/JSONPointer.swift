/// An RFC 6901 JSON pointer such as `/data/amount` or `/items/0`.
///
/// Tokens are stored unescaped; `description` escapes `~` as `~0` and `/` as `~1`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens, outermost first.
    public private(set) var tokens: [String]

    /// The pointer to the whole document (`""`).
    public static let root = JSONPointer(tokens: [])

    /// Creates a pointer from unescaped tokens.
    ///
    /// - Parameter tokens: The reference tokens, outermost first.
    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses the string form of a pointer (`""` or `/a/b~1c`).
    ///
    /// - Parameter string: The pointer text.
    /// - Returns: `nil` when the text does not start with `/` and is not empty.
    public init?(parsing string: String) {
        if string.isEmpty { tokens = []; return }
        guard string.hasPrefix("/") else { return nil }
        tokens = string.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).replacing("~1", with: "/").replacing("~0", with: "~")
        }
    }

    /// This pointer extended by one token.
    ///
    /// - Parameter token: An object key or array index.
    /// - Returns: The longer pointer.
    public func appending(_ token: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(token)
        return copy
    }

    /// This pointer extended by an array index.
    ///
    /// - Parameter index: The element index.
    /// - Returns: The longer pointer.
    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

    /// The escaped RFC 6901 string form.
    public var description: String {
        var output = ""
        for token in tokens {
            output += "/"
            output += JSONPointer.escape(token)
        }
        return output
    }

    /// Escapes one reference token (`~` → `~0`, `/` → `~1`).
    ///
    /// - Parameter token: The raw token.
    /// - Returns: The escaped token.
    public static func escape(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    /// Resolves the pointer against a document.
    ///
    /// - Parameter document: The document to walk.
    /// - Returns: The value it points at, or `nil` when a token does not exist.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), index >= 0, index < elements.count,
                    token == "0" || !token.hasPrefix("0")
                else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}
