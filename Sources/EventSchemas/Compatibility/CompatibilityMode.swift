/// A topic's schema-evolution policy, named as Confluent Schema Registry names it.
///
/// BACKWARD: consumers on the new schema read data written with the previous schema.
/// FORWARD: consumers still on the previous schema read data written with the new one.
/// FULL: both. The `_TRANSITIVE` variants check against every earlier version instead of only
/// the latest one. NONE checks nothing.
public enum CompatibilityMode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case backward = "BACKWARD"
    case backwardTransitive = "BACKWARD_TRANSITIVE"
    case forward = "FORWARD"
    case forwardTransitive = "FORWARD_TRANSITIVE"
    case full = "FULL"
    case fullTransitive = "FULL_TRANSITIVE"
    case none = "NONE"

    /// The default for LoanStream topics: the seeds make backward compatibility mandatory for
    /// every version a consumer may still meet on the log.
    public static let `default`: CompatibilityMode = .backwardTransitive

    /// Parses a mode name case-insensitively (`backward_transitive`, `FULL`).
    public init?(name: String) {
        self.init(rawValue: name.uppercased())
    }

    public var description: String { rawValue }

    /// Whether a new version is checked against every earlier version, not only the latest.
    public var isTransitive: Bool {
        switch self {
        case .backwardTransitive, .forwardTransitive, .fullTransitive: true
        case .backward, .forward, .full, .none: false
        }
    }

    /// The directions a new version is checked in.
    var directions: [CompatibilityDirection] {
        switch self {
        case .backward, .backwardTransitive: [.backward]
        case .forward, .forwardTransitive: [.forward]
        case .full, .fullTransitive: [.backward, .forward]
        case .none: []
        }
    }
}

/// Which schema plays the reader when a pair of versions is compared.
public enum CompatibilityDirection: String, Sendable, Hashable {
    /// The new schema reads data written with the old one.
    case backward = "BACKWARD"
    /// The old schema reads data written with the new one.
    case forward = "FORWARD"

    /// How messages name the reader and the writer in this direction.
    var roles: Roles {
        switch self {
        case .backward: Roles(reader: "the new schema", writer: "the old schema")
        case .forward: Roles(reader: "the old schema (still used by consumers)", writer: "the new schema")
        }
    }
}

/// Names for the reader and writer schema used in human-readable messages.
struct Roles: Sendable {
    var reader: String
    var writer: String

    /// The same roles seen from the other side, used under `not`.
    var swapped: Roles { Roles(reader: writer, writer: reader) }
}
