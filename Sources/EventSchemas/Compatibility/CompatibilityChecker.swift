/// Decides whether every value valid under a writer schema is valid under a reader schema, and
/// reports each reason it is not, following Confluent Schema Registry's JSON Schema rules.
///
/// One checker compares one pair of documents in one direction; it is not shared across threads.
final class CompatibilityChecker {
    let reader: CompatibilityDocument
    let writer: CompatibilityDocument
    let roles: Roles
    private var inProgress: Set<String> = []
    private var depth = 0
    private static let maxDepth = 200

    init(reader: CompatibilityDocument, writer: CompatibilityDocument, roles: Roles) {
        self.reader = reader
        self.writer = writer
        self.roles = roles
    }

    /// Compares the two document roots.
    func run() throws -> [Incompatibility] {
        try compare(reader.root, writer.root, at: [])
    }

    /// Compares a reader subschema with a writer subschema found at the same logical location.
    ///
    /// - Returns: the incompatibilities, empty when the reader accepts everything the writer allows.
    /// - Throws: `CompatibilityError` for unresolvable references or runaway nesting.
    func compare(_ readerSchema: JSONValue, _ writerSchema: JSONValue, at path: [String]) throws -> [Incompatibility] {
        depth += 1
        defer { depth -= 1 }
        guard depth < Self.maxDepth else {
            throw CompatibilityError(.tooDeep, "schemas nest deeper than \(Self.maxDepth) levels", at: path)
        }
        let (resolvedReader, readerRefs) = try reader.resolve(readerSchema, at: path)
        let (resolvedWriter, writerRefs) = try writer.resolve(writerSchema, at: path)
        if !readerRefs.isEmpty || !writerRefs.isEmpty {
            // Recursive schemas: a pair of references already being compared higher up is assumed
            // compatible here; any real difference is reported at the outer level.
            let key = readerRefs.joined(separator: ">") + "|" + writerRefs.joined(separator: ">")
            guard inProgress.insert(key).inserted else { return [] }
            defer { inProgress.remove(key) }
            return try compareResolved(SchemaNormalizer.normalize(resolvedReader),
                                       SchemaNormalizer.normalize(resolvedWriter), at: path)
        }
        return try compareResolved(SchemaNormalizer.normalize(resolvedReader),
                                   SchemaNormalizer.normalize(resolvedWriter), at: path)
    }

    private func compareResolved(_ readerValue: JSONValue, _ writerValue: JSONValue,
                                 at path: [String]) throws -> [Incompatibility] {
        let readerView = SchemaView(readerValue)
        let writerView = SchemaView(writerValue)
        // A `false` writer produces nothing, so any reader can read it (Confluent's rule).
        if writerView.isFalse { return [] }
        if readerView.isFalse {
            return [Incompatibility(.typeChanged, at: path,
                                    "\(roles.reader) is `false` and rejects every value \(roles.writer) allows.")]
        }
        if SchemaView.combinators.contains(where: { readerView.has($0) || writerView.has($0) }) {
            return try compareCombined(readerView, writerView, at: path)
        }
        if readerView.has("not") || writerView.has("not") {
            return try compareNegated(readerView, writerView, at: path)
        }
        var found = try compareConditionals(readerView, writerView, at: path)
        if readerView.has("enum") || writerView.has("enum") {
            found += compareEnums(readerView, writerView, at: path)
            guard readerView.typeName != nil, writerView.typeName != nil else { return found }
        }
        return found + (try compareTyped(readerView, writerView, at: path))
    }

    /// Dispatches on the instance type once both schemas are plain (no combinator, no `not`).
    ///
    /// Like Karapace, a schema without `type` (including `true` and `{}`) is read as an object
    /// schema: a field that loses its type is reported as a type change, not silently accepted.
    private func compareTyped(_ readerView: SchemaView, _ writerView: SchemaView,
                              at path: [String]) throws -> [Incompatibility] {
        let readerKind = Self.kind(of: readerView)
        let writerKind = Self.kind(of: writerView)
        if readerKind.isNumeric, writerKind.isNumeric {
            return compareNumbers(readerView, writerView, readerKind: readerKind, writerKind: writerKind, at: path)
        }
        guard readerKind == writerKind else {
            return [Incompatibility(.typeChanged, at: path,
                                    "The type changed from \(writerKind.rawValue) in \(roles.writer) to \(readerKind.rawValue) in \(roles.reader); values written as \(writerKind.rawValue) no longer validate.")]
        }
        switch readerKind {
        case .object: return try compareObjects(readerView, writerView, at: path)
        case .array: return try compareArrays(readerView, writerView, at: path)
        case .string: return compareStrings(readerView, writerView, at: path)
        case .boolean, .null, .integer, .number: return []
        }
    }

    static func kind(of view: SchemaView) -> InstanceKind {
        view.typeName.flatMap(InstanceKind.init(rawValue:)) ?? .object
    }

    /// `not` is compared contravariantly: `not A` accepts all of `not B` exactly when `B` accepts all of `A`.
    private func compareNegated(_ readerView: SchemaView, _ writerView: SchemaView,
                                at path: [String]) throws -> [Incompatibility] {
        guard let readerNot = readerView["not"], let writerNot = writerView["not"] else {
            return [Incompatibility(.typeChanged, at: path,
                                    "Only one of \(roles.reader) and \(roles.writer) uses `not` here, so the accepted values differ in kind.")]
        }
        let swapped = CompatibilityChecker(reader: writer, writer: reader, roles: roles.swapped)
        swapped.depth = depth
        let inner = try swapped.compare(writerNot, readerNot, at: path + ["not"])
        guard let first = inner.first else { return [] }
        return [Incompatibility(.notTypeExtended, at: path + ["not"],
                                "The `not` subschema of \(roles.reader) excludes values \(roles.writer) allows (\(first.kind.rawValue) at \(first.pointer)).")]
    }

    /// `if`/`then`/`else` are not reasoned about: any change on the reader side is reported.
    private func compareConditionals(_ readerView: SchemaView, _ writerView: SchemaView,
                                     at path: [String]) throws -> [Incompatibility] {
        let keywords = ["if", "then", "else"]
        let readerPart = keywords.map { readerView[$0] }
        let writerPart = keywords.map { writerView[$0] }
        guard readerPart != writerPart, readerPart.contains(where: { $0 != nil }) else { return [] }
        return [Incompatibility(.conditionalChanged, at: path,
                                "\(roles.reader) changes if/then/else; the checker cannot prove old data still validates.")]
    }
}
