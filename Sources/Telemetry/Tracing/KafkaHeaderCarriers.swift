import Kafka
import Tracing

/// Reads propagation headers (`traceparent`) from a consumed message's headers, for
/// `InstrumentationSystem.instrument.extract(message.headers, into: &context, using: KafkaHeadersExtractor())`.
public struct KafkaHeadersExtractor: Extractor {
    public typealias Carrier = [KafkaHeader]

    /// Creates the extractor.
    public init() {}

    public func extract(key: String, from carrier: [KafkaHeader]) -> String? {
        carrier.first { $0.name == key }?.value.map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Writes propagation headers (`traceparent`) into the headers of a message to produce.
public struct KafkaHeadersInjector: Injector {
    public typealias Carrier = [KafkaHeader]

    /// Creates the injector.
    public init() {}

    public func inject(_ value: String, forKey key: String, into carrier: inout [KafkaHeader]) {
        carrier.removeAll { $0.name == key }
        carrier.append(KafkaHeader(name: key, string: value))
    }
}

extension TraceparentPropagation {
    /// The trace context of a consumed message's `traceparent` header, through the instrument's extraction.
    ///
    /// - Parameter headers: The message's headers.
    /// - Returns: The context, or `nil` if the header is absent or malformed.
    public static func extract(from headers: [KafkaHeader]) -> TraceContext? {
        var context = ServiceContext.topLevel
        TraceparentPropagation().extract(headers, into: &context, using: KafkaHeadersExtractor())
        return context.traceContext
    }

    /// Sets (or replaces) the `traceparent` header of a message to produce.
    ///
    /// - Parameters:
    ///   - trace: The trace to continue.
    ///   - headers: The message's headers.
    public static func inject(_ trace: TraceContext, into headers: inout [KafkaHeader]) {
        var context = ServiceContext.topLevel
        context.traceContext = trace
        TraceparentPropagation().inject(context, into: &headers, using: KafkaHeadersInjector())
    }
}
