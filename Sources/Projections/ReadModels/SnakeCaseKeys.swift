import Foundation
import Synchronization

/// Member names as `JSONEncoder`'s `.convertToSnakeCase` writes them, for ``StreamingJSONEncoder``.
///
/// Each name is converted once, by `JSONEncoder` itself (so the rules are Foundation's, acronyms and digits included),
/// and remembered: the names are the read-model rows' property names, a few dozen.
enum SnakeCaseKeys {
    private static let known = Mutex<[String: String]>([:])

    static func converted(_ name: String) -> String {
        if let snake = known.withLock({ $0[name] }) { return snake }
        let snake = foundationConversion(name)
        known.withLock { $0[name] = snake }
        return snake
    }

    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// An object with one member called `name` and no value.
    private struct Probe: Encodable {
        let name: String
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Name.self)
            try container.encodeNil(forKey: Name(stringValue: name))
        }
    }

    private static func foundationConversion(_ name: String) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(Probe(name: name)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let snake = object.keys.first else { return name }
        return snake
    }
}
