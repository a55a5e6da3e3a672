import Synchronization

/// Tokens whose signature and static claims already verified, so a client sending the same bearer
/// token on every request pays for parsing and the signature once.
///
/// Only what cannot change for the same bytes is remembered (signature, issuer, audience, subject,
/// scopes); the time-dependent `exp` and `nbf` are checked again on every use. Bounded: when full,
/// it starts over.
final class VerifiedTokenCache: Sendable {
    struct Entry: Sendable {
        var principal: Principal
        var expires: Double
        var notBefore: Double?
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    func entry(for token: String) -> Entry? {
        entries.withLock { $0[token] }
    }

    func remember(_ entry: Entry, for token: String) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = entry
        }
    }
}
