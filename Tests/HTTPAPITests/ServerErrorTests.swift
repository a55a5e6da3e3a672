import EventSchemas
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A 5xx tells the client an error id and nothing else; the details go to the log only.
@Suite("Server errors")
struct ServerErrorTests {
    struct DatabaseExploded: Error, CustomStringConvertible {
        var description: String { "SELECT secret FROM vault failed on host db-internal-7" }
    }

    @Test func anUnexpectedErrorIsA500WithOnlyAnErrorID() async throws {
        let router = Router()
        router.add(middleware: ProblemMiddleware(logger: Logger(label: "test.httpapi")))
        router.get("/boom") { _, _ -> String in throw DatabaseExploded() }
        let app = Application(router: router)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/boom", method: .get)
            #expect(response.status == .internalServerError)
            #expect(response.headers[.contentType] == "application/problem+json")
            let text = String(buffer: response.body)
            #expect(!text.contains("secret") && !text.contains("db-internal") && !text.contains("DatabaseExploded"))
            let body = try JSONValue(parsing: Array(response.body.readableBytesView))
            #expect(body["type"]?.stringValue == "https://loanstream.dev/problems/internal")
            let errorID = try #require(body["error_id"]?.stringValue)
            #expect(errorID.count == 36)
        }
    }
}
