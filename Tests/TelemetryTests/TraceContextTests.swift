import Kafka
import Telemetry
import Testing

@Suite("W3C traceparent")
struct TraceContextTests {
    @Test("a valid traceparent parses and formats back to the same text")
    func roundTrip() throws {
        let text = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let context = try TraceContext(parsing: text)
        #expect(context.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(context.spanID == "00f067aa0ba902b7")
        #expect(context.sampled)
        #expect(context.traceparent == text)
        let unsampled = try TraceContext(parsing: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")
        #expect(!unsampled.sampled)
        #expect(unsampled.traceparent.hasSuffix("-00"))
    }

    @Test("a child keeps the trace id and flags with a new span id; random contexts are valid")
    func childAndRandom() throws {
        let root = TraceContext.random()
        let child = root.child()
        #expect(child.traceID == root.traceID)
        #expect(child.flags == root.flags)
        #expect(child.spanID != root.spanID)
        #expect(try TraceContext(parsing: root.traceparent) == root)
    }

    @Test("malformed values are refused", arguments: [
        "",
        "garbage",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",           // no flags
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",        // upper case
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",        // zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",        // zero span id
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",        // forbidden version
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",         // short trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",  // version 00 has four fields
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bz-01",        // not hex
    ])
    func refusesMalformed(_ value: String) {
        #expect(throws: TelemetryError.self) { try TraceContext(parsing: value) }
    }
}

@Suite("traceparent propagation through Kafka headers")
struct TraceparentPropagationTests {
    @Test("the instrument extracts a message's traceparent and injects it into outgoing headers")
    func roundTripThroughHeaders() throws {
        let incoming = [KafkaHeader(name: "event_id", string: "e1"),
                        KafkaHeader(name: "traceparent", string: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
        let trace = try #require(TraceparentPropagation.extract(from: incoming))
        #expect(trace.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(trace.spanID == "00f067aa0ba902b7")

        var outgoing = [KafkaHeader(name: "traceparent", string: "stale")]
        TraceparentPropagation.inject(trace.child(), into: &outgoing)
        #expect(outgoing.count == 1)
        let continued = try #require(TraceparentPropagation.extract(from: outgoing))
        #expect(continued.traceID == trace.traceID, "the outgoing message continues the trace")
        #expect(continued.spanID != trace.spanID)

        #expect(TraceparentPropagation.extract(from: [KafkaHeader(name: "traceparent", string: "00-zz-zz-01")]) == nil,
                "a malformed traceparent starts no trace")
        #expect(TraceparentPropagation.extract(from: []) == nil)
    }
}
