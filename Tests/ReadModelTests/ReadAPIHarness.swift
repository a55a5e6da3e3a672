import EventSchemas
import EventStore
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// The real router (command and read routes) over a ``ReadModelHarness`` database.
struct ReadAPIHarness: Sendable {
    static let secret = Array("test-secret-that-is-at-least-32-bytes-long".utf8)

    let client: any TestClientProtocol
    let document: OpenAPIDocument

    static func run(_ h: ReadModelHarness, wait: Duration = .milliseconds(400),
                    _ body: @escaping @Sendable (ReadAPIHarness) async throws -> Void) async throws {
        var auth = AuthSettings()
        auth.hs256Secret = secret
        let document = try OpenAPIDocument.bundled()
        var settings = ReadModelSettings()
        settings.minVersionWait = wait
        var dependencies = APIDependencies(store: EventStore(client: h.client, logger: ReadModelHarness.logger),
                                           commands: h.service, tokens: try TokenVerifier(settings: auth),
                                           document: document, logger: ReadModelHarness.logger)
        dependencies.readModels = ReadModelStore(client: h.client, logger: ReadModelHarness.logger, settings: settings)
        let app = Application(router: try buildRouter(dependencies, settings: HTTPSettings()), logger: ReadModelHarness.logger)
        try await app.test(.router) { client in
            try await body(ReadAPIHarness(client: client, document: document))
        }
    }

    static func token(_ scopes: [String] = ["loans:read"]) -> String {
        DevelopmentToken.sign(secret: secret, subject: "reader", scopes: scopes, lifetime: 600)
    }

    func get(_ path: String, token: String? = ReadAPIHarness.token()) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: path, method: .get, headers: headers)
    }

    /// Whether `body` satisfies `components/schemas/<schema>` of the served document.
    func conforms(_ body: JSONValue, to schema: String) throws -> Bool {
        try document.compileSchema(named: schema).isValid(body)
    }
}

extension TestResponse {
    func json() throws -> JSONValue { try JSONValue(parsing: Array(body.readableBytesView)) }
}

extension JSONValue {
    /// The element at `index` of an array, or `nil`.
    subscript(index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
}
