/// One incompatible change between two schema versions.
public struct Incompatibility: Sendable, Hashable, CustomStringConvertible {
    /// The stable code of the change.
    public var kind: IncompatibilityKind
    /// Reference tokens of the location, in the reader schema's terms (`properties`, `amount`).
    public var path: [String]
    /// What changed and why it breaks, for a developer.
    public var message: String
    /// What to do instead.
    public var remedy: String

    init(_ kind: IncompatibilityKind, at path: [String], _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
        self.remedy = kind.remedy
    }

    /// The location as a JSON pointer in URI-fragment form, e.g. `#/properties/data/properties/amount`.
    public var pointer: String { JSONPointerText.render(path) }

    public var description: String { "\(kind.rawValue) at \(pointer): \(message) Fix: \(remedy)" }
}

/// The outcome of comparing a new schema with one earlier version in one direction.
public struct CompatibilityFinding: Sendable, Hashable {
    /// The earlier version's label (e.g. `v1`), as given by the caller.
    public var against: String
    public var direction: CompatibilityDirection
    public var incompatibilities: [Incompatibility]
}

/// The verdict for a new schema under a mode: compatible when no finding has incompatibilities.
public struct CompatibilityReport: Sendable, Hashable, CustomStringConvertible {
    public var mode: CompatibilityMode
    public var findings: [CompatibilityFinding]

    public var isCompatible: Bool { findings.allSatisfy { $0.incompatibilities.isEmpty } }

    /// Every incompatibility across the earlier versions and directions checked.
    public var incompatibilities: [Incompatibility] { findings.flatMap(\.incompatibilities) }

    /// A multi-line verdict suitable for a terminal or CI log.
    public var description: String {
        guard !isCompatible else { return "compatible (\(mode.rawValue))" }
        var lines = ["incompatible (\(mode.rawValue)):"]
        for finding in findings where !finding.incompatibilities.isEmpty {
            lines.append("  \(finding.direction.rawValue) against \(finding.against):")
            for item in finding.incompatibilities {
                lines.append("    - \(item.kind.rawValue) at \(item.pointer)")
                lines.append("      \(item.message)")
                lines.append("      fix: \(item.remedy)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
