import Foundation
import Tracing

/// One consumer span per applied event, continuing the trace of the HTTP request that caused it
/// (the message's `traceparent`), through whatever tracer the process installed.
struct EventSpans {
    private struct TraceparentExtractor: Extractor {
        func extract(key: String, from carrier: String?) -> String? { key == "traceparent" ? carrier : nil }
    }

    private let spans: [(eventID: UUID, span: any Span)]

    init(projector: String, events: [ProjectedEvent]) {
        let tracer = InstrumentationSystem.tracer
        var spans: [(eventID: UUID, span: any Span)] = []
        spans.reserveCapacity(events.count)
        for event in events {
            var context = ServiceContext.topLevel
            tracer.extract(event.traceparent, into: &context, using: TraceparentExtractor())
            let span = tracer.startAnySpan("project \(event.eventType)", context: context, ofKind: .consumer,
                                           function: #function, file: #fileID, line: #line)
            // A tracer that records nothing (no-op, or log spans with debug lines off) records nothing for any
            // event: end the probe and skip the batch's spans, which would cost more than applying the events.
            guard span.isRecording else {
                span.end()
                break
            }
            span.attributes["loanstream.projector"] = projector
            span.attributes["loanstream.event_id"] = event.eventID.uuidString.lowercased()
            span.attributes["loanstream.stream_version"] = event.version
            span.attributes["messaging.destination.name"] = event.topic
            span.attributes["messaging.kafka.offset"] = Int(event.offset)
            spans.append((event.eventID, span))
        }
        self.spans = spans
    }

    /// Ends every span. With an error: the span of `eventID` records it, or every span when no event is named.
    func end(failing eventID: UUID? = nil, _ error: (any Error)? = nil) {
        for (id, span) in spans {
            if let error, eventID == nil || id == eventID {
                span.recordError(error)
                span.setStatus(SpanStatus(code: .error))
            }
            span.end()
        }
    }
}
