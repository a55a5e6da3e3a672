import Synchronization

/// What the demo did, counted across its concurrent workers.
final class DemoTally: Sendable {
    private struct Counts {
        var accepted: [String: Int] = [:]
        var refused: [String: Int] = [:]
        var firstRefusals: [String] = []
        var loans: [DemoBehaviour: Int] = [:]
    }

    private let counts = Mutex(Counts())

    func accepted(_ operation: String) {
        counts.withLock { $0.accepted[operation, default: 0] += 1 }
    }

    func refused(_ operation: String, _ answer: DemoAPI.Answer) {
        counts.withLock { counts in
            counts.refused[operation, default: 0] += 1
            if counts.firstRefusals.count < 5 {
                counts.firstRefusals.append("\(operation): HTTP \(answer.status) \(answer.text.prefix(300))")
            }
        }
    }

    func loan(_ behaviour: DemoBehaviour) {
        counts.withLock { $0.loans[behaviour, default: 0] += 1 }
    }

    var acceptedTotal: Int { counts.withLock { $0.accepted.values.reduce(0, +) } }
    var refusedTotal: Int { counts.withLock { $0.refused.values.reduce(0, +) } }

    /// A few lines for the terminal.
    func report() -> String {
        counts.withLock { counts in
            var lines = ["loans by behaviour: " + DemoBehaviour.allCases.compactMap { behaviour in
                counts.loans[behaviour].map { "\(behaviour.rawValue) \($0)" }
            }.joined(separator: ", ")]
            lines.append("commands accepted: " + counts.accepted.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                .joined(separator: ", "))
            if !counts.refused.isEmpty {
                lines.append("commands refused: " + counts.refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                    .joined(separator: ", "))
                lines += counts.firstRefusals.map { "  e.g. \($0)" }
            }
            return lines.joined(separator: "\n")
        }
    }
}
