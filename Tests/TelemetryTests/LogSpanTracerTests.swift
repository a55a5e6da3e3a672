import Foundation
import Logging
@testable import Telemetry
import Testing
import Tracing

/// Spans recorded as log lines continue the caller's W3C trace.
@Suite("Spans as log lines")
struct LogSpanTracerTests {
    private struct HeaderExtractor: Extractor {
        func extract(key: String, from carrier: [String: String]) -> String? { carrier[key] }
    }

    /// A logger writing JSON lines into `lines`, at `level`.
    private static func logger(into lines: JSONLogHandlerTests.Lines, level: Logger.Level) -> Logger {
        var logger = Logger(label: "loanstream.trace") { JSONLogHandler(label: $0, sink: lines.sink) }
        logger.logLevel = level
        return logger
    }

    @Test("a span started from a traceparent is its child: same trace, the caller's span as parent, logged once when it ends")
    func childOfTheCaller() throws {
        let lines = JSONLogHandlerTests.Lines()
        let logger = Self.logger(into: lines, level: .debug)
        let tracer = LogSpanTracer(logger: logger)
        var context = ServiceContext.topLevel
        tracer.extract(["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"], into: &context, using: HeaderExtractor())
        let span = tracer.startSpan("project repayment.received", context: context, ofKind: .consumer)
        span.attributes["loanstream.projector"] = "read_models"
        struct Refused: Error {}
        span.recordError(Refused())
        span.setStatus(SpanStatus(code: .error))
        span.end()
        span.end()
        let objects = try lines.objects()
        try #require(objects.count == 1, "one line per span, however often end() is called")
        let line = objects[0]
        #expect(line["trace_id"] as? String == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(line["message"] as? String == "span")
        let metadata = try #require(line["metadata"] as? [String: Any])
        #expect(metadata["parent_span_id"] as? String == "00f067aa0ba902b7")
        #expect(metadata["span"] as? String == "project repayment.received")
        #expect(metadata["attr.loanstream.projector"] as? String == "read_models")
        #expect(metadata["status"] as? String == "error")
        #expect((metadata["errors"] as? String)?.contains("Refused") == true)
        let spanID = span.context.traceContext?.spanID
        #expect(spanID != nil && spanID != "00f067aa0ba902b7", "the span has an id of its own")
    }

    @Test("without a caller a span starts a new trace")
    func rootSpan() throws {
        let lines = JSONLogHandlerTests.Lines()
        let logger = Self.logger(into: lines, level: .debug)
        let span = LogSpanTracer(logger: logger).startSpan("rebuild", context: .topLevel, ofKind: .internal)
        span.end()
        let line = try #require(try lines.objects().first)
        #expect((line["trace_id"] as? String)?.count == 32)
        #expect((line["metadata"] as? [String: Any])?["parent_span_id"] == nil)
    }

    @Test("a span records only while debug lines are written and until it ends, so callers can skip building attributes")
    func recordingFollowsTheLogLevel() throws {
        let lines = JSONLogHandlerTests.Lines()
        var logger = Self.logger(into: lines, level: .info)
        let quiet = LogSpanTracer(logger: logger).startSpan("apply", context: .topLevel, ofKind: .consumer)
        #expect(!quiet.isRecording)
        quiet.end()
        logger.logLevel = .debug
        let loud = LogSpanTracer(logger: logger).startSpan("apply", context: .topLevel, ofKind: .consumer)
        #expect(loud.isRecording)
        loud.end()
        #expect(!loud.isRecording)
        #expect(try lines.objects().count == 1, "only the span of the debug logger was written")
    }

    @Test("random trace and span ids are lowercase hex of the W3C lengths and differ from call to call")
    func randomIDs() throws {
        let contexts = (0..<200).map { _ in TraceContext.random() }
        for context in contexts {
            #expect(context.traceID.count == 32 && context.spanID.count == 16)
            #expect((context.traceID + context.spanID).utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        }
        #expect(Set(contexts.map(\.traceID)).count == contexts.count)
        let child = contexts[0].child()
        #expect(child.traceID == contexts[0].traceID && child.spanID != contexts[0].spanID)
    }
}
