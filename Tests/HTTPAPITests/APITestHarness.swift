import EventSchemas
import EventStore
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Lending
import LoanStreamTestSupport
import Logging
import NIOCore
import PostgresNIO

/// The real router on a scratch, migrated PostgreSQL database, with the repository's Schemas/
/// and Topics/, driven through `app.test(.router)`.
struct APITestHarness: Sendable {
    static let secret = Array("test-secret-that-is-at-least-32-bytes-long".utf8)
    static let today = LocalDate("2026-01-15")!

    let client: any TestClientProtocol
    let database: PostgresClient

    /// Runs `body` against a fresh database and router.
    ///
    /// - Parameters:
    ///   - settings: HTTP settings (the body limit).
    ///   - body: the test.
    ///   - setup: `.router` (no socket) or `.live` (a real server on a loopback port).
    static func run(settings: HTTPSettings = HTTPSettings(), setup: TestingSetup = .router,
                    _ body: @escaping @Sendable (APITestHarness) async throws -> Void) async throws {
        let schemas = try RepositoryContracts.schemas.get()
        let topics = try RepositoryContracts.topics.get()
        try await ScratchDatabase.migrated { database in
            let logger = Logger(label: "test.httpapi")
            let store = EventStore(client: database, logger: logger)
            var auth = AuthSettings()
            auth.hs256Secret = secret
            var dependencies = APIDependencies(
                store: store, commands: CommandService(store: store, schemas: schemas, topics: topics, logger: logger),
                tokens: try TokenVerifier(settings: auth), document: try OpenAPIDocument.bundled(), logger: logger)
            dependencies.today = { today }
            let app = Application(router: try buildRouter(dependencies, settings: settings), logger: logger)
            try await app.test(setup) { client in
                try await body(APITestHarness(client: client, database: database))
            }
        }
    }

    static func token(_ scopes: [String] = ["admin"], subject: String = "tester", lifetime: TimeInterval = 600) -> String {
        DevelopmentToken.sign(secret: secret, subject: subject, scopes: scopes, lifetime: lifetime)
    }

    /// POSTs JSON text with a bearer token and an idempotency key (both overridable).
    @discardableResult
    func post(_ path: String, _ json: String, key: String? = UUID().uuidString, token: String? = APITestHarness.token(),
              headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        headers[.contentType] = headers[.contentType] ?? "application/json"
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    func get(_ path: String, token: String? = APITestHarness.token()) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: path, method: .get, headers: headers)
    }

    /// Rows in the tables a command writes: events of both stream kinds, journal, idempotency, outbox.
    func writtenRows() async throws -> Int {
        var total = 0
        for table in ["loan_event", "borrower_event", "journal_entry", "idempotency_key", "outbox"] {
            total += try await database.count(table)
        }
        return total
    }
}

extension TestResponse {
    /// The body parsed as JSON.
    func json() throws -> JSONValue { try JSONValue(parsing: Array(body.readableBytesView)) }

    var bytes: [UInt8] { Array(body.readableBytesView) }

    /// The `pointer`s of a problem's `errors`.
    func pointers() throws -> [String] {
        try json()["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } ?? []
    }
}
