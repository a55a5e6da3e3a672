import CRdKafka

/// Builds a librdkafka `rd_kafka_conf_t` from string properties.
///
/// The configuration object is lent to `body` only; `body` returns `true` when ownership passed to
/// librdkafka (`rd_kafka_new` succeeded), otherwise the object is destroyed here.
enum RDKafkaConfig {
    /// Creates a configuration with `properties`, lends it to `body`, and frees it unless `body` consumed it.
    ///
    /// - Parameters:
    ///   - properties: librdkafka property names and values (see librdkafka's CONFIGURATION.md).
    ///   - body: Receives the configuration; returns whether it took ownership, and a value.
    /// - Returns: What `body` returned.
    /// - Throws: ``KafkaError/Code/configuration`` naming the rejected property.
    static func withConfiguration<T>(
        _ properties: [String: String], _ body: (OpaquePointer) throws -> (consumed: Bool, value: T)
    ) throws -> T {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(.configuration, "rd_kafka_conf_new returned NULL (out of memory)")
        }
        var consumed = false
        defer { if !consumed { rd_kafka_conf_destroy(conf) } }
        var errorText = [CChar](repeating: 0, count: 512)
        // Sorted so a bad configuration fails on the same property every time.
        for (name, value) in properties.sorted(by: { $0.key < $1.key }) {
            let result = rd_kafka_conf_set(conf, name, value, &errorText, errorText.count)
            guard result == RD_KAFKA_CONF_OK else {
                throw KafkaError(.configuration, "property \(name)=\(value) rejected: \(string(errorText))")
            }
        }
        let outcome = try body(conf)
        consumed = outcome.consumed
        return outcome.value
    }

    /// Decodes a NUL-terminated C buffer.
    static func string(_ buffer: [CChar]) -> String {
        buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// Formats a `Duration` as whole milliseconds for librdkafka properties and timeouts.
extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Milliseconds clamped to C `int`, as librdkafka timeouts take.
    var timeoutMilliseconds: Int32 {
        Int32(clamping: max(0, milliseconds))
    }
}
