import Foundation

extension OutboxRecord {
    /// The headers as a JSON object with sorted keys (the `headers` jsonb column), escaped by hand (no Foundation
    /// round trip).
    public var headersJSON: String {
        var json = "{"
        for (index, key) in headers.keys.sorted().enumerated() {
            if index > 0 { json += "," }
            json += Self.jsonString(key) + ":" + Self.jsonString(headers[key] ?? "")
        }
        return json + "}"
    }

    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
