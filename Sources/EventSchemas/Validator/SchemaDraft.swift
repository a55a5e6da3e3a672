/// The JSON Schema dialects the validator implements.
public enum SchemaDraft: Sendable, Hashable {
    /// Draft 2020-12 (the default).
    case draft2020_12
    /// Draft-07 (also used for draft-06 and draft-04 documents, which it mostly subsumes).
    case draft7

    /// The draft named by a `$schema` URI, or `nil` when unknown.
    ///
    /// - Parameter uri: The `$schema` value.
    /// - Returns: The draft.
    public static func fromSchemaURI(_ uri: String) -> SchemaDraft? {
        let trimmed = uri.hasSuffix("#") ? String(uri.dropLast()) : uri
        switch trimmed {
        case "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2019-09/schema":
            return .draft2020_12
        case "http://json-schema.org/draft-07/schema", "http://json-schema.org/draft-06/schema",
            "http://json-schema.org/draft-04/schema":
            return .draft7
        default:
            return nil
        }
    }
}
