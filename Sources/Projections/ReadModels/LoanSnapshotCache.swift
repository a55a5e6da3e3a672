import Foundation
import Synchronization

/// Loan snapshots this projector wrote or read, so a batch decodes from `loan_snapshot` only the loans whose
/// stored version differs from the one in memory (another instance moved them, or a batch rolled back).
///
/// A snapshot is a pure fold of its loan's events up to its version, so a cached snapshot whose version equals
/// the stored one is the stored one: the stored version is always checked, and the cache can never serve a
/// state the table does not hold.
final class LoanSnapshotCache: Sendable {
    private let entries = Mutex<[UUID: LoanSnapshot]>([:])
    private let capacity: Int

    /// - Parameter capacity: Most loans kept; when full, half are dropped (they are read back when needed).
    init(capacity: Int = 4_096) {
        self.capacity = max(1, capacity)
    }

    /// The cached snapshots of `loans` that are present.
    func get(_ loans: [UUID]) -> [UUID: LoanSnapshot] {
        entries.withLock { entries in
            var found: [UUID: LoanSnapshot] = [:]
            for loan in loans { if let snapshot = entries[loan] { found[loan] = snapshot } }
            return found
        }
    }

    /// Remembers snapshots a batch is about to write.
    func put(_ snapshots: [(UUID, LoanSnapshot)]) {
        entries.withLock { entries in
            if entries.count + snapshots.count > capacity {
                let drop = entries.keys.prefix(max(entries.count / 2, entries.count + snapshots.count - capacity))
                for key in Array(drop) { entries[key] = nil }
            }
            for (loan, snapshot) in snapshots { entries[loan] = snapshot }
        }
    }
}
