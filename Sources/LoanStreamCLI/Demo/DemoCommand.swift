import ArgumentParser
import AsyncHTTPClient
import Foundation
import HTTPAPI
import Lending

/// `loanstream demo`: a lender's portfolio through the running API — loans originated and
/// disbursed months ago, then their repayments on time, late, partial, backdated and early, fees,
/// foreclosures and write-offs with recoveries, day-end after day-end.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the demo workload against a running LoanStream API (LOANSTREAM_JWT_HS256_SECRET signs its token).")

    @Option(help: "The API's base URL.")
    var api = "http://127.0.0.1:8080"

    @Option(help: "How many loan applications to file.")
    var loans = 1_000

    @Option(help: "Loans in flight at once.")
    var concurrency = 16

    @Option(help: "How many months ago the loans were disbursed (months of repayments).")
    var months = 6

    func validate() throws {
        guard loans >= 1 else { throw ValidationError("--loans must be at least 1") }
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 256") }
        guard (1...24).contains(months) else { throw ValidationError("--months must be 1 to 24") }
    }

    func run() async throws {
        let token = try DevelopmentToken.fromEnvironment(
            subject: "demo-workload", scopes: ["originations:write", "repayments:write", "servicing:write", "loans:read"],
            lifetime: 86_400)
        let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                configuration: .init(connectionPool: .init(idleTimeout: .seconds(60),
                                                                           concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)))
        let workload = DemoWorkload(api: DemoAPI(client: client, baseURL: api, token: token), loans: loans,
                                    concurrency: concurrency, months: months, today: LocalDate.todayUTC())
        let outcome: Result<Void, any Error>
        do { outcome = .success(try await workload.run()) } catch { outcome = .failure(error) }
        try await client.shutdown()
        try outcome.get()
    }
}
