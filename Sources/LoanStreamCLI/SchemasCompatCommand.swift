import ArgumentParser
import EventSchemas
import Foundation

/// `loanstream schemas compat --mode <MODE> <old.json> <new.json>`: compares two schema files.
///
/// Exit codes: 0 compatible, 1 incompatible, 2 bad input (unreadable file, not JSON, not a
/// schema the checker can compare — the file is named).
struct SchemasCompatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compat",
        abstract: "Check whether a new schema version is compatible with an old one under a mode."
    )

    @Option(help: "BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE or NONE.")
    var mode = "BACKWARD"

    @Argument(help: "The old (published) schema file.")
    var old: String

    @Argument(help: "The new schema file.")
    var new: String

    func run() throws {
        guard let mode = CompatibilityMode(name: mode) else {
            fail("--mode \(self.mode) is not one of \(CompatibilityMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let oldSchema = try load(old)
        let newSchema = try load(new)
        let report: CompatibilityReport
        do {
            report = try SchemaCompatibility.check(old: oldSchema, new: newSchema, mode: mode)
        } catch {
            fail("cannot compare \(old) with \(new): \(error)")
        }
        print(report)
        if !report.isCompatible { throw ExitCode(1) }
    }

    /// Reads and checks one schema file; any problem exits 2 naming the file.
    private func load(_ path: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else { fail("\(path): cannot read the file") }
        let schema: JSONValue
        do {
            schema = try JSONValue(parsing: Array(data))
        } catch {
            fail("\(path): not valid JSON: \(error)")
        }
        do {
            // Comparing a schema with itself resolves every $ref it has, so a bad one is named here.
            _ = try SchemaCompatibility.incompatibilities(reader: schema, writer: schema)
        } catch {
            fail("\(path): not a schema the checker can compare: \(error)")
        }
        return schema
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("schemas compat: \(message)\n".utf8))
        Self.exit(withError: ExitCode(2))
    }
}
