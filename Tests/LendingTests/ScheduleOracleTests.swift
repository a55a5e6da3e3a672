import Foundation
import Testing
@testable import Lending

/// Compares schedules with `scripts/oracles/schedule_oracle.py` (numpy-financial's `pmt`,
/// with the same rounding convention) over a grid of rates, tenures, frequencies and
/// currencies. A missing python3 or numpy_financial fails the test: an oracle that silently
/// does not run proves nothing.
@Suite("Schedule oracle (numpy-financial)")
struct ScheduleOracleTests {
    struct Case {
        var id: String
        var principal: Int64
        var currency: Currency
        var rate: String
        var frequency: RepaymentFrequency
        var tenure: Int
    }

    static var grid: [Case] {
        let rates = ["0", "0.0001", "0.05", "0.085", "0.12", "0.1799", "0.24", "0.36"]
        let tenures = [1, 3, 12, 24, 60, 120, 360]
        let principals: [(Int64, Currency)] = [(10_000_000, .INR), (2_500_000, .JPY), (1_234_567, .KWD), (99_999_999, .USD)]
        var cases: [Case] = []
        for rate in rates { for tenure in tenures { for frequency in RepaymentFrequency.allCases { for (p, c) in principals {
            cases.append(Case(id: "\(rate)-\(tenure)-\(frequency.rawValue)-\(c.code)", principal: p, currency: c,
                              rate: rate, frequency: frequency, tenure: tenure))
        } } } }
        return cases
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs the oracle with the project's venv python if bootstrapped, else python3 on PATH.
    static func runOracle(_ input: Data) throws -> Data {
        let root = repositoryRoot
        let venv = root.appendingPathComponent(".deps/venv/bin/python3")
        let process = Process()
        if FileManager.default.isExecutableFile(atPath: venv.path) {
            process.executableURL = venv
            process.arguments = [root.appendingPathComponent("scripts/oracles/schedule_oracle.py").path]
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", root.appendingPathComponent("scripts/oracles/schedule_oracle.py").path]
        }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OracleUnavailable(message: "schedule oracle exited \(process.terminationStatus): \(errors) "
                                    + "— install python3 and `pip install -r scripts/requirements-test.txt` (numpy-financial)")
        }
        return output
    }

    struct OracleUnavailable: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    @Test("schedules agree with numpy-financial to the minor unit over the grid")
    func agreesWithOracle() throws {
        let grid = Self.grid
        let request: [String: Any] = ["cases": grid.map { c in
            ["id": c.id, "principal_minor": c.principal, "minor_digits": c.currency.minorDigits,
             "annual_rate": c.rate, "periods_per_year": c.frequency.periodsPerYear, "tenure": c.tenure] as [String: Any]
        }]
        let output = try Self.runOracle(try JSONSerialization.data(withJSONObject: request))
        let parsed = try #require(JSONSerialization.jsonObject(with: output) as? [String: Any])
        let results = try #require(parsed["cases"] as? [[String: Any]])
        try #require(results.count == grid.count)
        var maxDifference: Int64 = 0, maxReferenceDrift: Int64 = 0, compared = 0
        for (c, result) in zip(grid, results) {
            var terms = product(tenure: c.tenure, rate: c.rate, currency: c.currency)
            terms.frequency = c.frequency
            let builder = ScheduleBuilder(terms: terms)
            let rows = try builder.schedule(principal: c.principal, start: d("2026-01-15"))
            let expected = try #require(result["installments"] as? [[String: Int64]])
            let reference = try #require(result["reference"] as? [[String: Int64]])
            #expect(builder.installmentAmount(balance: c.principal, count: c.tenure) == result["emi_minor"] as? Int64,
                    "EMI differs for \(c.id)")
            #expect(rows.count == expected.count, "installment count differs for \(c.id)")
            for (row, oracle) in zip(rows, expected) {
                let diff = max(abs(row.principal - (oracle["principal_minor"] ?? 0)), abs(row.interest - (oracle["interest_minor"] ?? 0)))
                maxDifference = max(maxDifference, diff)
                compared += 1
            }
            // Drift from the exact annuity is reported for tenures up to five years; beyond that
            // the EMI's sub-minor-unit rounding compounds and the figure says nothing useful.
            for (row, ref) in zip(rows.dropLast(), reference) where c.tenure <= 60 {
                maxReferenceDrift = max(maxReferenceDrift, abs(row.interest - (ref["ipmt_minor"] ?? 0)))
            }
        }
        print("schedule oracle: \(grid.count) schedules, \(compared) installments, max difference \(maxDifference) minor units; "
              + "max interest drift from numpy-financial's unrounded ipmt (tenure ≤ 60) \(maxReferenceDrift) minor units")
        #expect(maxDifference == 0)
        #expect(compared > 10_000)
    }
}
