import AsyncHTTPClient
import EventSchemas
import Foundation

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
        let request = RepaymentRequest.make(baseURL: baseURL, token: token, loan: loan, effectiveDate: effectiveDate)
        guard let response = try? await client.execute(request, timeout: .seconds(30)),
              let bytes = try? await response.body.collect(upTo: 1 << 20),
              (200..<300).contains(response.status.code),
              let version = (try? JSONValue(parsing: Array(bytes.readableBytesView)))?["version"]?.numberValue?.int64
        else { return nil }
        return Accepted(loan: loan, version: Int(version))
    }
}
