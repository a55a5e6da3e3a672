/// How a schema is compiled.
public struct ValidatorOptions: Sendable, Hashable {
    /// The draft for documents without `$schema`. Default: 2020-12.
    public var defaultDraft: SchemaDraft = .draft2020_12
    /// Whether `format` is asserted (an invalid date-time is an error) rather than only an
    /// annotation. Default: `true`, because our event schemas rely on it.
    public var assertFormats: Bool = true

    /// The defaults: draft 2020-12, formats asserted.
    public init() {}
}
