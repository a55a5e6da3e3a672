import AsyncHTTPClient
import EventSchemas
import Foundation
import Lending
import NIOCore

/// The demo's view of the HTTP API: JSON in, JSON out, a fresh `Idempotency-Key` per command,
/// and a retry (same key, so never a second effect) when the server is briefly unavailable.
struct DemoAPI: Sendable {
    let client: HTTPClient
    let baseURL: String
    let token: String

    /// What the API answered to one request.
    struct Answer: Sendable {
        var status: Int
        var body: JSONValue?
        var text: String
        var ok: Bool { (200..<300).contains(status) }
    }

    /// POSTs a command, decided on `businessDate` when given; 5xx and connection failures are
    /// retried up to four times with the same key.
    func post(_ path: String, _ body: JSONValue, businessDate: LocalDate? = nil) async throws -> Answer {
        let key = UUID().uuidString
        var attempt = 0
        while true {
            attempt += 1
            do {
                let answer = try await send(path, body: body, idempotencyKey: key, businessDate: businessDate)
                if answer.status < 500 || attempt == 5 { return answer }
            } catch where attempt < 5 {
                // A refused or reset connection: the same key makes the retry safe.
            }
            try await Task.sleep(for: .milliseconds(200 * attempt))
        }
    }

    /// GETs a resource.
    func get(_ path: String) async throws -> Answer {
        try await send(path, body: nil, idempotencyKey: nil, businessDate: nil)
    }

    /// A POST with `body`, a GET without.
    private func send(_ path: String, body: JSONValue?, idempotencyKey: String?, businessDate: LocalDate?) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = body == nil ? .GET : .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body.serialized()))
        }
        if let idempotencyKey { request.headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        if let businessDate { request.headers.add(name: "Business-Date", value: businessDate.description) }
        let response = try await client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 8 << 20)
        let text = String(buffer: bytes)
        return Answer(status: Int(response.status.code), body: try? JSONValue(parsing: Array(text.utf8)), text: text)
    }
}
