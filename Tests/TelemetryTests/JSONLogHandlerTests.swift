import Foundation
import Logging
import Synchronization
@testable import Telemetry
import Testing

@Suite("JSON log lines")
struct JSONLogHandlerTests {
    /// Collects the lines a handler writes.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var sink: LogSink { LogSink { line in self.lines.withLock { $0.append(line) } } }
        func objects() throws -> [[String: Any]] {
            try lines.withLock { $0 }.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        }
    }

    @Test("a line is one JSON object with timestamp, level, label, message, metadata and the trace id from the task's context")
    func lineShapeFromContext() async throws {
        let lines = Lines()
        let logger = Logger(label: "loanstream.test") { JSONLogHandler(label: $0, sink: lines.sink) }
        let trace = try TraceContext(parsing: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        trace.withAsCurrent {
            logger.info("applied", metadata: ["loan_id": "L-1", "count": .stringConvertible(3)])
        }
        logger.debug("below the level, not written")
        let objects = try lines.objects()
        try #require(objects.count == 1)
        let line = objects[0]
        #expect(line["level"] as? String == "info")
        #expect(line["label"] as? String == "loanstream.test")
        #expect(line["message"] as? String == "applied")
        #expect(line["trace_id"] as? String == trace.traceID)
        #expect(line["span_id"] as? String == trace.spanID)
        let metadata = try #require(line["metadata"] as? [String: Any])
        #expect(metadata["loan_id"] as? String == "L-1")
        #expect(metadata["count"] as? String == "3")
        let timestamp = try #require(line["timestamp"] as? String)
        #expect(timestamp.hasSuffix("Z") && timestamp.contains("T"), "ISO 8601 UTC: \(timestamp)")
        #expect(lines.lines.withLock { $0[0] }.contains("\n") == false)
    }

    @Test("trace_id metadata (e.g. from an event) wins over the context and leaves the metadata object")
    func traceIDFromMetadata() throws {
        let lines = Lines()
        let logger = Logger(label: "loanstream.projector") { JSONLogHandler(label: $0, sink: lines.sink) }
        logger.warning("parked", metadata: ["trace_id": "0af7651916cd43dd8448eb211c80319c"])
        let line = try #require(try lines.objects().first)
        #expect(line["trace_id"] as? String == "0af7651916cd43dd8448eb211c80319c")
        #expect(line["metadata"] == nil)
        #expect(line["span_id"] == nil)
    }

    @Test("LOANSTREAM_LOG_FORMAT accepts json and text and names itself when wrong")
    func formatSetting() throws {
        #expect(try LoggingSetup.format(environment: ["LOANSTREAM_LOG_FORMAT": "json"]) == .json)
        #expect(try LoggingSetup.format(environment: ["LOANSTREAM_LOG_FORMAT": "TEXT"]) == .text)
        let error = #expect(throws: TelemetryError.self) { try LoggingSetup.format(environment: ["LOANSTREAM_LOG_FORMAT": "xml"]) }
        #expect(error?.reason.contains("LOANSTREAM_LOG_FORMAT") == true)
    }
}
