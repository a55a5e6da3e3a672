import AsyncHTTPClient
import Foundation
import NIOCore

/// The benchmarks' repayment: 100.00 INR on `effectiveDate`, a fresh payment id and `Idempotency-Key`.
enum RepaymentRequest {
    static func make(baseURL: String, token: String, loan: UUID, effectiveDate: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: "\(baseURL)/v1/loans/\(loan.uuidString.lowercased())/repayments")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: UUID().uuidString)
        let body = #"{"payment_id":"\#(UUID().uuidString.lowercased())","amount":{"amount":"100.00","currency":"INR"},"#
            + #""effective_date":"\#(effectiveDate)","channel":"upi"}"#
        request.body = .bytes(ByteBuffer(string: body))
        return request
    }
}
