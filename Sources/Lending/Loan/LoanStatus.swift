import Foundation

/// The loan's lifecycle state machine.
///
/// ```
/// draft ─submit→ submitted ─approve→ approved ─sanction→ sanctioned ─create→ disbursing
///                    │  ╰decline→ declined (final)                ↑ fail ─────╯   │ execute
///                    ╰refer→ referred ─approve/decline→ …                          ▼
///                                        closed ←repaid── active ─write off→ writtenOff ─close→ closed
/// ```
public enum LoanStatus: String, Hashable, Sendable, Codable {
    case none, draft, submitted, referred, approved, declined, sanctioned, disbursing, active
    case writtenOff = "written_off"
    case closed

    /// A command family, for the transition table.
    public enum Action: String, Sendable {
        case create = "open an application for"
        case submit = "submit"
        case decide = "decide on"
        case sanction = "sanction"
        case createDisbursement = "disburse"
        case executeDisbursement = "execute a disbursement of"
        case failDisbursement = "fail a disbursement of"
        case service = "service"
        case writeOff = "write off"
        case recover = "record a recovery on"
        case close = "close"
    }

    /// Whether `action` is allowed in this state.
    ///
    /// - Parameter action: The command family.
    /// - Returns: `true` when the transition exists.
    public func allows(_ action: Action) -> Bool {
        switch (self, action) {
        case (.none, .create): true
        case (.draft, .submit): true
        case (.submitted, .decide), (.referred, .decide): true
        case (.approved, .sanction): true
        case (.sanctioned, .createDisbursement): true
        case (.disbursing, .executeDisbursement), (.disbursing, .failDisbursement): true
        case (.active, .service), (.active, .writeOff): true
        case (.writtenOff, .recover), (.writtenOff, .close): true
        default: false
        }
    }

    /// Refuses `action` unless the state allows it.
    ///
    /// - Throws: `LendingError.Code.invalidTransition` naming the current state.
    func require(_ action: Action) throws(LendingError) {
        guard allows(action) else {
            throw LendingError(.invalidTransition,
                               "cannot \(action.rawValue) a loan that is \(self == .none ? "not yet created" : rawValue.replacingOccurrences(of: "_", with: " "))")
        }
    }
}
