import AsyncHTTPClient
import Foundation
import NIOCore

/// The benchmarks' repayment: 100.00 INR on `effectiveDate`, a fresh payment id and `Idempotency-Key`.
enum RepaymentRequest {
    static func make(baseURL: String, token: String, loan: UUID, effectiveDate: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: baseURL + path(loan: loan))
        request.method = .POST
        for (name, value) in headers(token: token) { request.headers.add(name: name, value: value) }
        request.body = .bytes(body(effectiveDate: effectiveDate))
        return request
    }

    static func path(loan: UUID) -> String {
        "/v1/loans/\(loan.uuidString.lowercased())/repayments"
    }

    /// Bearer token, JSON content type and a fresh `Idempotency-Key`.
    static func headers(token: String) -> [(String, String)] {
        [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json"), ("Idempotency-Key", UUID().uuidString)]
    }

    static func body(effectiveDate: String) -> ByteBuffer {
        ByteBuffer(string: #"{"payment_id":"\#(UUID().uuidString.lowercased())","amount":{"amount":"100.00","currency":"INR"},"#
            + #""effective_date":"\#(effectiveDate)","channel":"upi"}"#)
    }
}
