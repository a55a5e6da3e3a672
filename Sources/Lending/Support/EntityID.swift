import Foundation

/// A UUID that encodes as the canonical lower-case string the event schemas require.
///
/// Foundation's `UUID` encodes upper-case; consumers compare ids as strings, so the domain
/// fixes one spelling here rather than trusting every caller to lower-case.
public struct EntityID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The underlying UUID.
    public let uuid: UUID

    /// Wraps a UUID.
    ///
    /// - Parameter uuid: The identifier.
    public init(_ uuid: UUID) { self.uuid = uuid }

    /// Parses a UUID string in either case.
    ///
    /// - Parameter string: The UUID text.
    /// - Returns: `nil` when the text is not a UUID.
    public init?(_ string: String) {
        guard let uuid = UUID(uuidString: string) else { return nil }
        self.uuid = uuid
    }

    /// A fresh random identifier.
    public static func random() -> EntityID { EntityID(UUID()) }

    public var description: String { uuid.uuidString.lowercased() }

    public static func < (lhs: EntityID, rhs: EntityID) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let uuid = UUID(uuidString: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a UUID: \(text)"))
        }
        self.uuid = uuid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
