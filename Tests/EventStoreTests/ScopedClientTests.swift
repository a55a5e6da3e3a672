import EventStore
import LoanStreamTestSupport
import Logging
import PostgresNIO
import Synchronization
import Testing

@Suite("PostgresClient.withClient")
struct ScopedClientTests {
    /// Keeps the messages logged through it.
    private final class Messages: Sendable {
        let lines = Mutex<[String]>([])

        var logger: Logger {
            Logger(label: "test.scoped-client") { _ in Handler(messages: self) }
        }

        struct Handler: LogHandler {
            let messages: Messages
            var metadata: Logger.Metadata = [:]
            var logLevel: Logger.Level = .trace
            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }
            func log(event: LogEvent) {
                messages.lines.withLock { $0.append(event.message.description) }
            }
        }
    }

    @Test("the client is running before the body's first query: no warning that run() was not called")
    func runsBeforeTheBody() async throws {
        let settings = try ScratchDatabase.settings()
        let messages = Messages()
        for _ in 0..<20 {
            let one = try await PostgresClient.withClient(settings, logger: messages.logger) { client in
                for try await value in try await client.query("SELECT 1::int8", logger: messages.logger).decode(Int.self) {
                    return value
                }
                return 0
            }
            #expect(one == 1)
        }
        let warnings = messages.lines.withLock { $0.filter { $0.contains("run()") } }
        #expect(warnings.isEmpty, "\(warnings.count) warnings, the first: \(warnings.first ?? "")")
    }
}
