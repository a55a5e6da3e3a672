import ArgumentParser
import EventSchemas
import Foundation

/// `loanstream bench schemas`: validations per second of realistic event payloads, side by side
/// with Python `jsonschema` on the same schema and payloads in the same run.
struct BenchSchemasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemas",
        abstract: "Benchmark the JSON Schema validator against Python jsonschema.",
        discussion: """
            Validates generated repayment.received events (the envelope of docs/EVENTS.md; one in ten \
            invalid) with full error collection, then runs scripts/bench/jsonschema_baseline.py on the \
            same schema and payloads. Parsing and compiling are not timed on either side. Rates are given \
            per wall-clock second and per CPU second; the ratio uses CPU time, which stays stable on a \
            busy machine.
            """)

    @Option(help: "Number of distinct payloads.")
    var payloads = 1_000

    @Option(help: "Passes over the payloads for the Swift validator.")
    var iterations = 200

    @Option(help: "Passes over the payloads for Python jsonschema (it is much slower).")
    var pythonIterations = 5

    @Option(help: "A schema file to benchmark instead of the built-in repayment.received fixture (payloads stay the fixture's).")
    var schema: String?

    @Option(help: "The Python interpreter.")
    var python = "python3"

    @Option(help: "The baseline script (default: scripts/bench/jsonschema_baseline.py in the repository).")
    var script: String?

    @Flag(help: "Only measure the Swift validator.")
    var skipPython = false

    @Option(help: "Exit 1 when the Swift/Python ratio (per CPU second) is below this (0 disables).")
    var requireRatio: Double = 0

    func validate() throws {
        guard payloads > 0, iterations > 0, pythonIterations > 0 else {
            throw ArgumentParser.ValidationError("--payloads, --iterations and --python-iterations must be positive")
        }
    }

    func run() throws {
        let baselineScript = script ?? PythonBaseline.defaultScript()
        if !skipPython, !FileManager.default.fileExists(atPath: baselineScript) {
            throw BenchError("baseline script not found: \(baselineScript) (run from the repository, pass --script, or --skip-python)")
        }
        let schemaText = try schema.map { try String(contentsOfFile: $0, encoding: .utf8) }
            ?? ValidationBenchmark.repaymentReceivedSchema
        let payloadTexts = ValidationBenchmark.repaymentReceivedPayloads(count: payloads)
        let swift = try ValidationBenchmark.run(schema: schemaText, payloads: payloadTexts, iterations: iterations)
        print("schema: \(schema ?? "repayment.received v1 (built-in fixture)"), \(payloads) payloads, \(swift.validPayloads) valid")
        print("swift EventSchemas validate: \(Self.format(swift.rate)) validations/s wall, \(Self.format(swift.cpuRate)) per CPU second "
            + "(\(swift.validations) in \(Self.seconds(swift.seconds)), all errors collected)")
        print("swift EventSchemas isValid:  \(Self.format(swift.fastRate)) validations/s wall (fast path)")
        print("swift from text, parse + isValid: \(Self.format(swift.parseAndCheckRate)) payloads/s wall")
        print("swift from text, proves (one pass, no tree): \(Self.format(swift.proofRate)) payloads/s wall, "
              + "\(swift.provenPayloads) of \(payloads) proven")
        if skipPython { return }
        let baseline = try PythonBaseline(python: python, script: baselineScript)
            .run(schema: schemaText, payloads: payloadTexts, iterations: pythonIterations)
        print("python jsonschema \(baseline.version):   \(Self.format(baseline.rate)) validations/s wall, "
            + "\(Self.format(baseline.cpuRate)) per CPU second (\(baseline.validations) in \(Self.seconds(baseline.seconds)))")
        if baseline.valid != swift.validPayloads {
            print("warning: Python found \(baseline.valid) valid payloads, Swift \(swift.validPayloads)")
        }
        let wallRatio = baseline.rate > 0 ? swift.rate / baseline.rate : 0
        let cpuRatio = baseline.cpuRate > 0 ? swift.cpuRate / baseline.cpuRate : 0
        print(String(format: "ratio: %.1fx Python's rate per CPU second, %.1fx wall clock (target >= 20x)", cpuRatio, wallRatio))
        if requireRatio > 0, cpuRatio < requireRatio {
            print(String(format: "FAIL: ratio %.1fx is below the required %.1fx", cpuRatio, requireRatio))
            throw ExitCode(1)
        }
    }

    static func format(_ rate: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        return formatter.string(from: NSNumber(value: rate)) ?? String(Int(rate))
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
}

extension BenchSchemasCommand {
    /// Runs `scripts/bench/jsonschema_baseline.py` on a schema and payloads and reads its result.
    struct PythonBaseline {
        /// The script's JSON result line.
        struct Result: Decodable {
            var rate: Double
            var validations: Int
            var seconds: Double
            var cpuRate: Double
            var valid: Int
            var version: String

            enum CodingKeys: String, CodingKey {
                case rate, validations, seconds, valid
                case cpuRate = "cpu_rate"
                case version = "jsonschema"
            }
        }

        var python: String
        var script: String

        /// `scripts/bench/jsonschema_baseline.py` in the nearest directory upward from the working
        /// directory that has it (the repository root when run from inside the repository).
        static func defaultScript() -> String {
            let relative = "scripts/bench/jsonschema_baseline.py"
            var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            while directory.path != "/" {
                let candidate = directory.appendingPathComponent(relative)
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
                directory = directory.deletingLastPathComponent()
            }
            return relative
        }

        /// Writes the inputs to a temporary directory and runs the script.
        ///
        /// - Parameters:
        ///   - schema: The schema text.
        ///   - payloads: The payload texts.
        ///   - iterations: Passes over the payloads.
        /// - Returns: The measured rate.
        /// - Throws: `ValidationError` naming the script when it is missing, fails or prints nonsense.
        func run(schema: String, payloads: [String], iterations: Int) throws -> Result {
            guard FileManager.default.fileExists(atPath: script) else {
                throw BenchError("baseline script not found: \(script) (run from the repository, pass --script, or --skip-python)")
            }
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("loanstream-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let schemaFile = directory.appendingPathComponent("schema.json")
            let payloadFile = directory.appendingPathComponent("payloads.json")
            try schema.write(to: schemaFile, atomically: true, encoding: .utf8)
            try ("[" + payloads.joined(separator: ",\n") + "]").write(to: payloadFile, atomically: true, encoding: .utf8)

            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python, script, "--schema", schemaFile.path, "--payloads", payloadFile.path,
                                 "--iterations", String(iterations)]
            let output = Pipe()
            // stderr goes to a file so a chatty interpreter cannot fill a pipe we are not reading.
            let errorFile = directory.appendingPathComponent("stderr.txt")
            guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
                throw BenchError("cannot create a temporary file in \(directory.path)")
            }
            let errorHandle = try FileHandle(forWritingTo: errorFile)
            defer { try? errorHandle.close() }
            process.standardOutput = output
            process.standardError = errorHandle
            try process.run()
            let stdout = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let stderr = (try? Data(contentsOf: errorFile)) ?? Data()
            guard process.terminationStatus == 0 else {
                throw BenchError("\(script) failed (exit \(process.terminationStatus)): \(String(decoding: stderr, as: UTF8.self))")
            }
            guard let line = String(decoding: stdout, as: UTF8.self).split(separator: "\n").last,
                let result = try? JSONDecoder().decode(Result.self, from: Data(line.utf8))
            else {
                throw BenchError("\(script) printed no result line: \(String(decoding: stdout, as: UTF8.self))")
            }
            return result
        }
    }
}

/// A benchmark that could not run (missing script, failing interpreter): printed as
/// `Error: <reason>` with exit status 1, without the usage text.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
