import Foundation
import Lending

/// Runs the demo loans `concurrency` at a time and reports progress and totals.
struct DemoWorkload: Sendable {
    let api: DemoAPI
    let loans: Int
    let concurrency: Int
    let months: Int
    let today: LocalDate

    func run() async throws {
        let tally = DemoTally()
        let cursor = Cursor()
        let done = Cursor()
        let clock = ContinuousClock()
        let start = clock.now
        print("demo: \(loans) loan applications, disbursed \(months) months back from \(today), \(concurrency) at a time")
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    // Loans come in pairs; every fifth pair belongs to one borrower (a second, top-up loan).
                    while case let pair = cursor.next(), pair * 2 < loans {
                        var borrower: String?
                        for index in [pair * 2, pair * 2 + 1] where index < loans {
                            let loan = DemoLoan(api: api, tally: tally, index: index, today: today, months: months)
                            let reused = pair % 5 == 0 ? borrower : nil
                            borrower = try? await loan.run(borrower: reused)
                            let finished = done.next() + 1
                            if finished % 100 == 0 || finished == loans {
                                let seconds = (clock.now - start) / .seconds(1)
                                print("demo: \(finished)/\(loans) loans, \(tally.acceptedTotal) commands accepted"
                                      + ", \(tally.refusedTotal) refused, \(Int(Double(tally.acceptedTotal) / max(seconds, 0.001))) commands/s")
                            }
                        }
                    }
                }
            }
        }
        print(tally.report())
    }
}
