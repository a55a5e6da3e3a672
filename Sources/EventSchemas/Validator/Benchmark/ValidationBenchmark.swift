/// Measures validations per second of one compiled schema over a set of payloads.
///
/// Used by `loanstream bench schemas`, which runs the same schema and payloads through Python
/// `jsonschema` in the same run for comparison.
public enum ValidationBenchmark {
    /// The outcome of one measurement.
    public struct Result: Sendable, Hashable {
        /// How many validations ran.
        public var validations: Int
        /// How many of the payloads were valid (per pass; a sanity check that the schema is used).
        public var validPayloads: Int
        /// Wall-clock seconds spent validating.
        public var seconds: Double
        /// Validations per second.
        public var rate: Double { seconds > 0 ? Double(validations) / seconds : 0 }
    }

    /// Validates every payload `iterations` times with full error collection.
    ///
    /// - Parameters:
    ///   - schema: The compiled schema.
    ///   - payloads: Parsed payloads.
    ///   - iterations: Passes over the payloads (at least 1).
    /// - Returns: The counts and elapsed time.
    public static func run(schema: CompiledSchema, payloads: [JSONValue], iterations: Int) -> Result {
        var validPayloads = 0
        for payload in payloads where schema.validate(payload).isEmpty { validPayloads += 1 }
        let clock = ContinuousClock()
        var errorCount = 0
        let elapsed = clock.measure {
            for _ in 0..<max(1, iterations) {
                for payload in payloads { errorCount &+= schema.validate(payload).count }
            }
        }
        // errorCount keeps the optimizer from discarding the work; it equals the invalid errors × passes.
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(validations: payloads.count * max(1, iterations) + (errorCount < 0 ? 1 : 0),
                      validPayloads: validPayloads, seconds: seconds)
    }

    /// Validates a schema given as JSON text against payloads given as JSON text.
    ///
    /// - Parameters:
    ///   - schema: The schema text.
    ///   - payloads: The payload texts.
    ///   - iterations: Passes over the payloads.
    /// - Returns: The measurement (parsing and compiling are not timed).
    /// - Throws: ``JSONParseError`` or ``SchemaCompileError`` for bad input.
    public static func run(schema: String, payloads: [String], iterations: Int) throws -> Result {
        let compiled = try CompiledSchema(JSONValue(parsing: schema))
        return run(schema: compiled, payloads: try payloads.map { try JSONValue(parsing: $0) }, iterations: iterations)
    }
}
