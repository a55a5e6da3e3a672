import Foundation

/// Measures validations per second of one compiled schema over a set of payloads.
///
/// Used by `loanstream bench schemas`, which runs the same schema and payloads through Python
/// `jsonschema` in the same run for comparison. Both wall-clock and CPU time are recorded: on
/// a shared machine the CPU-time rate is the stable one to compare.
public enum ValidationBenchmark {
    /// The outcome of one measurement.
    public struct Result: Sendable, Hashable {
        /// How many validations ran.
        public var validations: Int
        /// How many of the payloads were valid (per pass; a sanity check that the schema is used).
        public var validPayloads: Int
        /// Wall-clock seconds spent validating with `validate` (all errors collected).
        public var seconds: Double
        /// CPU seconds of this thread for the same work.
        public var cpuSeconds: Double
        /// Validations per second of the fast path (``CompiledSchema/isValid(_:)``), wall clock.
        public var fastRate: Double = 0
        /// From JSON text: parses per second followed by ``CompiledSchema/isValid(_:)``, wall clock.
        public var parseAndCheckRate: Double = 0
        /// From JSON text: ``CompiledSchema/proves(_:)`` per second (no tree), wall clock.
        public var proofRate: Double = 0
        /// How many of the payloads ``CompiledSchema/proves(_:)`` proved valid (per pass).
        public var provenPayloads = 0
        /// Validations per second, wall clock.
        public var rate: Double { seconds > 0 ? Double(validations) / seconds : 0 }
        /// Validations per CPU second.
        public var cpuRate: Double { cpuSeconds > 0 ? Double(validations) / cpuSeconds : 0 }
    }

    /// Validates every payload `iterations` times with full error collection, then times the
    /// fast path over the same work.
    ///
    /// - Parameters:
    ///   - schema: The compiled schema.
    ///   - payloads: Parsed payloads.
    ///   - iterations: Passes over the payloads (at least 1).
    /// - Returns: The counts and elapsed times.
    public static func run(schema: CompiledSchema, payloads: [JSONValue], iterations: Int) -> Result {
        let passes = max(1, iterations)
        var validPayloads = 0
        for payload in payloads where schema.validate(payload).isEmpty { validPayloads += 1 }
        var errorCount = 0
        let (seconds, cpuSeconds) = measure {
            for _ in 0..<passes {
                for payload in payloads { errorCount &+= schema.validate(payload).count }
            }
        }
        var fastValid = 0
        let (fastSeconds, _) = measure {
            for _ in 0..<passes {
                for payload in payloads where schema.isValid(payload) { fastValid &+= 1 }
            }
        }
        // The counters keep the optimizer from discarding the work.
        let validations = payloads.count * passes + (errorCount < 0 || fastValid < 0 ? 1 : 0)
        var result = Result(validations: validations, validPayloads: validPayloads, seconds: seconds, cpuSeconds: cpuSeconds)
        result.fastRate = fastSeconds > 0 ? Double(validations) / fastSeconds : 0
        return result
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
        var result = run(schema: compiled, payloads: try payloads.map { try JSONValue(parsing: $0) }, iterations: iterations)
        let passes = max(1, iterations)
        var parsedValid = 0
        let (parseSeconds, _) = measure {
            for _ in 0..<passes {
                for text in payloads where (try? JSONValue(parsing: text)).map(compiled.isValid) == true { parsedValid &+= 1 }
            }
        }
        result.provenPayloads = payloads.count { compiled.proves($0) }
        var proven = 0
        let (proofSeconds, _) = measure {
            for _ in 0..<passes {
                for text in payloads where compiled.proves(text) { proven &+= 1 }
            }
        }
        let count = Double(payloads.count * passes + (parsedValid < 0 || proven < 0 ? 1 : 0))
        result.parseAndCheckRate = parseSeconds > 0 ? count / parseSeconds : 0
        result.proofRate = proofSeconds > 0 ? count / proofSeconds : 0
        return result
    }

    /// Runs `body` and returns its wall-clock and thread CPU seconds.
    private static func measure(_ body: () -> Void) -> (wall: Double, cpu: Double) {
        let clock = ContinuousClock()
        let cpuStart = threadCPUSeconds()
        let elapsed = clock.measure(body)
        let cpu = threadCPUSeconds() - cpuStart
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, cpu)
    }

    private static func threadCPUSeconds() -> Double {
        var spec = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec) == 0 else { return 0 }
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
