import AsyncHTTPClient
import EventSchemas
import Foundation
import NIOCore

/// Repayments of 100.00 INR over HTTP, one request at a time per call; the caller paces them.
struct PacedRepayments: Sendable {
    let client: HTTPClient
    let baseURL: String
    let token: String
    let loans: [UUID]
    let effectiveDate: String

    /// What one accepted repayment answered.
    struct Accepted: Sendable {
        var loan: UUID
        var version: Int
    }

    /// Sends the repayment for the `index`th request (loans round-robin); nil when it was not accepted.
    func send(_ index: Int) async -> Accepted? {
        let loan = loans[index % loans.count]
        var request = HTTPClientRequest(url: "\(baseURL)/v1/loans/\(loan.uuidString.lowercased())/repayments")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: UUID().uuidString)
        let body = #"{"payment_id":"\#(UUID().uuidString.lowercased())","amount":{"amount":"100.00","currency":"INR"},"#
            + #""effective_date":"\#(effectiveDate)","channel":"upi"}"#
        request.body = .bytes(ByteBuffer(string: body))
        guard let response = try? await client.execute(request, timeout: .seconds(30)),
              let bytes = try? await response.body.collect(upTo: 1 << 20),
              (200..<300).contains(response.status.code),
              let version = (try? JSONValue(parsing: Array(bytes.readableBytesView)))?["version"]?.numberValue?.int64
        else { return nil }
        return Accepted(loan: loan, version: Int(version))
    }
}
