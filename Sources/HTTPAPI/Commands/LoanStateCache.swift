import Foundation
import Lending
import Synchronization

/// Folded loan states kept between commands, so a command decodes only the events appended since.
///
/// Safe because a loan's history is append-only and writers of one loan take turns under the stream
/// lock: a cached `(version, state)` is the fold of exactly the first `version` events, forever. Other
/// processes' appends are picked up as the tail after the cached version. Entries are written only
/// after a commit succeeded, so a rolled-back attempt can never leave a state that did not happen.
final class LoanStateCache: Sendable {
    struct Entry: Sendable {
        var version: Int
        var state: LoanState
        var lastUse: UInt64
    }

    private struct Storage {
        var entries: [UUID: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let storage = Mutex(Storage())
    /// The most loans kept; beyond it the least recently used tenth is evicted.
    let capacity: Int

    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// How many loans are cached.
    var count: Int { storage.withLock { $0.entries.count } }

    func get(_ loanID: UUID) -> (version: Int, state: LoanState)? {
        storage.withLock { storage in
            guard var entry = storage.entries[loanID] else { return nil }
            storage.clock += 1
            entry.lastUse = storage.clock
            storage.entries[loanID] = entry
            return (entry.version, entry.state)
        }
    }

    /// Remembers the state at `version`, unless a newer one is already known.
    func put(_ loanID: UUID, version: Int, state: LoanState) {
        storage.withLock { storage in
            if let known = storage.entries[loanID], known.version >= version { return }
            storage.clock += 1
            storage.entries[loanID] = Entry(version: version, state: state, lastUse: storage.clock)
            // Evict a tenth at a time, least recently used first, so a full cache does not scan
            // every entry on every command.
            if storage.entries.count > capacity {
                let excess = storage.entries.count - capacity * 9 / 10
                for (loanID, _) in storage.entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }).prefix(excess) {
                    storage.entries[loanID] = nil
                }
            }
        }
    }
}
