/// A JSON Schema compiled once for repeated, thread-safe validation.
///
/// ```swift
/// let schema = try CompiledSchema(JSONValue(parsing: schemaText))
/// let errors = schema.validate(try JSONValue(parsing: payload))
/// ```
///
/// Supports draft 2020-12 and, for documents whose `$schema` says so, draft-07. `$ref`s to
/// other documents resolve through the ``SchemaResolver``, never over a network.
public struct CompiledSchema: Sendable {
    let program: CompiledProgram

    /// Compiles a schema with the default options (draft 2020-12 unless `$schema` says
    /// otherwise, formats asserted).
    ///
    /// - Parameters:
    ///   - schema: The root schema.
    ///   - registry: Documents that `$ref`s may point to.
    /// - Throws: ``SchemaCompileError`` for malformed keywords, bad regexes and unresolvable `$ref`s.
    public init(_ schema: JSONValue, registry: SchemaResolver = .init()) throws {
        try self.init(schema, registry: registry, options: ValidatorOptions())
    }

    /// Compiles a schema.
    ///
    /// - Parameters:
    ///   - schema: The root schema.
    ///   - registry: Documents that `$ref`s may point to.
    ///   - options: The default draft and whether `format` is asserted.
    /// - Throws: ``SchemaCompileError`` for malformed keywords, bad regexes and unresolvable `$ref`s.
    public init(_ schema: JSONValue, registry: SchemaResolver = .init(), options: ValidatorOptions) throws {
        program = try SchemaCompiler(registry: registry, options: options).compile(root: schema)
    }

    /// Validates an instance and returns every error found, up to `maxErrors`.
    ///
    /// - Parameters:
    ///   - instance: The JSON value to check.
    ///   - maxErrors: The most errors to collect (default 100); evaluation stops once reached.
    /// - Returns: The errors, empty when the instance is valid.
    public func validate(_ instance: JSONValue, maxErrors: Int = 100) -> [ValidationError] {
        // Most payloads are valid: the fast path proves it without tracking locations; only an
        // invalid instance pays for the second, reporting pass.
        if isValid(instance) { return [] }
        return program.nodes.withUnsafeBufferPointer { nodes in
            var run = ValidationRun(program: program, nodes: nodes, collecting: true, maxErrors: max(1, maxErrors))
            var annotations = Annotations()
            if !run.evaluate(program.root, instance, &annotations, track: false), run.errors.isEmpty {
                // Every failure records an error; this guards the contract "invalid ⇒ non-empty".
                run.errors.append(ValidationError(instanceLocation: .root, keywordLocation: .root,
                                                  message: "the value does not match the schema"))
            }
            // Object members are visited in hash order; sorting makes reports stable across runs.
            return run.errors.sorted(by: Self.reportOrder)
        }
    }

    /// Orders errors by instance location, then keyword location.
    private static func reportOrder(_ lhs: ValidationError, _ rhs: ValidationError) -> Bool {
        if lhs.instanceLocation.tokens != rhs.instanceLocation.tokens {
            return lhs.instanceLocation.tokens.lexicographicallyPrecedes(rhs.instanceLocation.tokens)
        }
        return lhs.keywordLocation.tokens.lexicographicallyPrecedes(rhs.keywordLocation.tokens)
    }

    /// Whether the instance is valid, stopping at the first failure and recording nothing.
    ///
    /// - Parameter instance: The JSON value to check.
    /// - Returns: `true` when valid.
    public func isValid(_ instance: JSONValue) -> Bool {
        program.nodes.withUnsafeBufferPointer { nodes in
            var run = ValidationRun(program: program, nodes: nodes, collecting: false, maxErrors: 0)
            var annotations = Annotations()
            return run.evaluate(program.root, instance, &annotations, track: false)
        }
    }
}
