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
        /// Validations per second of the fast path (``CompiledSchema/isValid(_:)``, no error report).
        public var fastRate: Double = 0
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
        var fastValid = 0
        let fastElapsed = clock.measure {
            for _ in 0..<max(1, iterations) {
                for payload in payloads where schema.isValid(payload) { fastValid &+= 1 }
            }
        }
        // The counters keep the optimizer from discarding the work.
        let validations = payloads.count * max(1, iterations) + (errorCount < 0 || fastValid < 0 ? 1 : 0)
        var result = Result(validations: validations, validPayloads: validPayloads, seconds: Self.seconds(elapsed))
        let fastSeconds = Self.seconds(fastElapsed)
        result.fastRate = fastSeconds > 0 ? Double(validations) / fastSeconds : 0
        return result
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
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
