/// Every projection `loanstream project`, `rebuild` and `dlq` know, by name.
public struct ProjectionCatalog: Sendable {
    /// Makes a fresh projection.
    public typealias Factory = @Sendable () -> any Projection

    /// Name → factory.
    public private(set) var factories: [String: Factory]

    public init(_ projections: [Factory]) {
        factories = [:]
        for factory in projections { factories[factory().name] = factory }
    }

    /// The projections of this build. Read models register here: one line each.
    public static let standard = ProjectionCatalog([
        { EventIndexProjection() },
        { ReadModelProjection() },
    ])

    /// The names, sorted.
    public var names: [String] { factories.keys.sorted() }

    /// A new instance of the projection called `name`.
    ///
    /// - Throws: ``ProjectorError/notFound(_:)`` listing the known names.
    public func make(_ name: String) throws -> any Projection {
        guard let factory = factories[name] else {
            throw ProjectorError.notFound("unknown projection \"\(name)\"; known: \(names.joined(separator: ", "))")
        }
        return factory()
    }
}
