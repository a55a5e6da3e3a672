import EventSchemas
import Foundation
import Kafka

/// How message bytes and headers are stored in the parked/waiting tables: bytes travel as
/// base64 text (decoded into `bytea` by SQL), headers as a JSON array of `{name, value}` with
/// base64 values.
enum StoredMessageCoding {
    static func base64(_ bytes: [UInt8]?) -> String? {
        bytes.map { Data($0).base64EncodedString() }
    }

    static func bytes(_ base64: String?) -> [UInt8]? {
        base64.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
    }

    static func headersJSON(_ headers: [KafkaHeader]) -> String {
        JSONValue.array(headers.map { header in
            .object(["name": .string(header.name), "value": header.value.map { .string(Data($0).base64EncodedString()) } ?? .null])
        }).serialized()
    }

    static func headers(_ json: String) -> [KafkaHeader] {
        guard let array = (try? JSONValue(parsing: json))?.arrayValue else { return [] }
        return array.compactMap { item in
            guard let name = item["name"]?.stringValue else { return nil }
            return KafkaHeader(name: name, value: item["value"]?.stringValue.flatMap { bytes($0) })
        }
    }
}
