import EventSchemas
import Foundation
import Testing

/// Runs the official JSON-Schema-Test-Suite (core tests of draft 2020-12 and draft-07).
///
/// The corpus is `../shared/conformance/json-schema-test-suite` beside the package root, or
/// `$LOANSTREAM_CONFORMANCE_DIR/json-schema-test-suite`. A missing corpus fails the test.
@Suite("JSON-Schema-Test-Suite conformance")
struct ConformanceTests {
    /// The share of core tests that must pass, per draft.
    static let requiredPassRate = 0.99

    @Test("draft conformance", arguments: [ConformanceDraft.draft2020_12, .draft7])
    func conformance(_ draft: ConformanceDraft) throws {
        guard let suite = ConformanceCorpus.suiteDirectory() else {
            Issue.record(ConformanceCorpus.missingMessage)
            return
        }
        let registry = try ConformanceCorpus.remotes(in: suite)
        let files = try ConformanceCorpus.testFiles(in: suite, draft: draft.directory)
        #expect(!files.isEmpty, "no test files in \(suite.path)/tests/\(draft.directory)")
        var passed = 0
        var total = 0
        var failures: [String] = []
        for file in files {
            var options = ValidatorOptions()
            options.defaultDraft = draft.schemaDraft
            // The suite tests the specification's default: `format` is an annotation, not an assertion.
            options.assertFormats = false
            let outcome = try ConformanceCorpus.run(file: file, registry: registry, options: options)
            passed += outcome.passed
            total += outcome.total
            failures += outcome.failures.map { "\(file.lastPathComponent): \($0)" }
            print("[\(draft.directory)] \(file.lastPathComponent): \(outcome.passed)/\(outcome.total)")
        }
        for failure in failures { print("[\(draft.directory)] FAIL \(failure)") }
        print("[\(draft.directory)] total: \(passed)/\(total) passed")
        let rate = total == 0 ? 0 : Double(passed) / Double(total)
        #expect(rate >= Self.requiredPassRate, "\(draft.directory): \(passed)/\(total) passed, below 99 %")
    }
}

/// The `optional/format` tests of the formats the validator asserts, run with assertion on.
@Suite("JSON-Schema-Test-Suite format assertion")
struct FormatConformanceTests {
    /// Formats the validator asserts, each of which must pass this share of its optional tests.
    static let requiredPassRate = 0.95
    /// Groups not counted, with the reason (also listed in Sources/EventSchemas/README.md).
    static let skippedGroups = [
        "validation of A-label (punycode) host names":
            "IDNA2008 A-label decoding and its contextual rules are not implemented",
    ]

    @Test("asserted formats pass the optional/format tests", arguments: [ConformanceDraft.draft2020_12, .draft7])
    func formats(_ draft: ConformanceDraft) throws {
        guard let suite = ConformanceCorpus.suiteDirectory() else {
            Issue.record(ConformanceCorpus.missingMessage)
            return
        }
        let directory = suite.appendingPathComponent("tests/\(draft.directory)/optional/format")
        for format in ["date-time", "date", "time", "duration", "uuid", "email", "uri", "uri-reference",
                       "ipv4", "ipv6", "hostname", "regex", "json-pointer"] {
            let file = directory.appendingPathComponent(format + ".json")
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            var options = ValidatorOptions()
            options.defaultDraft = draft.schemaDraft
            let outcome = try ConformanceCorpus.run(file: file, registry: SchemaResolver(), options: options,
                                                    skipping: Set(Self.skippedGroups.keys))
            print("[\(draft.directory) optional/format] \(format): \(outcome.passed)/\(outcome.total)")
            for failure in outcome.failures { print("[\(draft.directory) optional/format] FAIL \(format): \(failure)") }
            #expect(Double(outcome.passed) >= Self.requiredPassRate * Double(outcome.total), "format \(format)")
        }
    }
}

/// A draft directory of the suite and the dialect its schemas default to.
enum ConformanceDraft: String, CustomTestStringConvertible, Sendable {
    case draft2020_12 = "draft2020-12"
    case draft7

    var directory: String { rawValue }
    var schemaDraft: SchemaDraft { self == .draft7 ? .draft7 : .draft2020_12 }
    var testDescription: String { rawValue }
}


/// Finding, loading and running the JSON-Schema-Test-Suite files.
enum ConformanceCorpus {
    static let missingMessage: Comment = """
        JSON-Schema-Test-Suite not found: expected ../shared/conformance/json-schema-test-suite beside \
        the package root, or set LOANSTREAM_CONFORMANCE_DIR to the directory holding json-schema-test-suite
        """

    /// The suite directory, from `LOANSTREAM_CONFORMANCE_DIR` or relative to the package root.
    static func suiteDirectory(filePath: String = #filePath) -> URL? {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["LOANSTREAM_CONFORMANCE_DIR"] {
            let suite = URL(fileURLWithPath: override).appendingPathComponent("json-schema-test-suite")
            return fileManager.fileExists(atPath: suite.appendingPathComponent("tests").path) ? suite : nil
        }
        var directory = URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                let suite = directory.deletingLastPathComponent()
                    .appendingPathComponent("shared/conformance/json-schema-test-suite")
                return fileManager.fileExists(atPath: suite.appendingPathComponent("tests").path) ? suite : nil
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// Every file under `remotes/`, registered as `http://localhost:1234/<relative path>`.
    static func remotes(in suite: URL) throws -> SchemaResolver {
        var registry = SchemaResolver()
        try registry.addDirectory(suite.appendingPathComponent("remotes"), baseURI: "http://localhost:1234/")
        return registry
    }

    /// The core test files of one draft (not `optional/`), sorted.
    static func testFiles(in suite: URL, draft: String) throws -> [URL] {
        let directory = suite.appendingPathComponent("tests").appendingPathComponent(draft)
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The outcome of one test file.
    struct Outcome {
        var passed = 0
        var total = 0
        var failures: [String] = []
    }

    /// Runs every case of a file; a case passes when both `isValid` and `validate` agree with it.
    static func run(file: URL, registry: SchemaResolver, options: ValidatorOptions,
                    skipping skippedGroups: Set<String> = []) throws -> Outcome {
        guard case .array(let groups) = try JSONValue(parsing: Array(try Data(contentsOf: file))) else { return Outcome() }
        var outcome = Outcome()
        for group in groups {
            let description = group["description"]?.stringValue ?? "?"
            if skippedGroups.contains(description) {
                print("skipped group \"\(description)\" in \(file.lastPathComponent)")
                continue
            }
            let tests = group["tests"]?.arrayValue ?? []
            let compiled: CompiledSchema
            do {
                compiled = try CompiledSchema(group["schema"] ?? .bool(true), registry: registry, options: options)
            } catch {
                outcome.total += tests.count
                outcome.failures.append("\(description): schema did not compile: \(error)")
                continue
            }
            for test in tests {
                outcome.total += 1
                let expected = test["valid"]?.boolValue ?? true
                let data = test["data"] ?? .null
                let fast = compiled.isValid(data)
                let errors = compiled.validate(data)
                if fast == expected, errors.isEmpty == expected {
                    outcome.passed += 1
                } else {
                    let detail = errors.prefix(2).map(\.description).joined(separator: "; ")
                    outcome.failures.append("\(description) / \(test["description"]?.stringValue ?? "?"): "
                        + "expected \(expected ? "valid" : "invalid"), isValid=\(fast), errors=\(errors.count) \(detail)")
                }
            }
        }
        return outcome
    }
}
