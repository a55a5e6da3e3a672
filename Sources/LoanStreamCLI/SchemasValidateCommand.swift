import ArgumentParser
import EventSchemas
import Foundation

/// `loanstream schemas validate <event_type> [--version N] <payload.json>`: validates one event
/// payload against `Schemas/<event_type>/v<N>.json` (the newest version when `--version` is
/// omitted) and prints the errors or "valid".
///
/// Exit status: 0 valid, 1 invalid, 2 bad input (unreadable or non-JSON payload, unknown event
/// type or version, broken schema files), always naming the file.
struct SchemasValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate an event payload against its schema in Schemas/.")

    @Argument(help: "The event type, e.g. repayment.received.")
    var eventType: String

    @Argument(help: "The payload JSON file.")
    var payload: String

    @Option(name: .customLong("version"), help: "The schema version N of Schemas/<event_type>/v<N>.json (default: newest).")
    var schemaVersion: Int?

    @Option(help: "The Schemas directory (default: Schemas/ in the repository).")
    var schemasDir: String?

    @Option(help: "The most errors to print.")
    var maxErrors = 100

    func run() throws {
        let directory = URL(fileURLWithPath: schemasDir ?? Self.defaultSchemasDirectory())
        let registry: SchemaRegistry
        do {
            registry = try SchemaRegistry.load(directory: directory)
        } catch {
            throw Self.badInput("cannot load schemas from \(directory.path): \(error)")
        }
        let instance: JSONValue
        do {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: payload))
            instance = try JSONValue(parsing: Array(bytes))
        } catch let error as JSONParseError {
            throw Self.badInput("\(payload): \(error)")
        } catch {
            throw Self.badInput("\(payload): cannot read the file: \(error.localizedDescription)")
        }
        guard let version = schemaVersion ?? registry.versions(of: eventType).last else {
            throw Self.badInput("no schema for event type \"\(eventType)\" in \(directory.path)")
        }
        let errors: [EventSchemas.ValidationError]
        do {
            errors = try registry.validate(instance, eventType: eventType, exactVersion: version, maxErrors: max(1, maxErrors))
        } catch {
            throw Self.badInput("\(error)")
        }
        let schemaPath = EventSchemaFile.path(eventType: eventType, version: version)
        guard !errors.isEmpty else {
            print("valid")
            return
        }
        print("\(payload): \(errors.count) error\(errors.count == 1 ? "" : "s") against \(schemaPath)")
        for error in errors { print("  \(error)") }
        throw ExitCode(1)
    }

    /// `Schemas/` in the nearest directory upward from the working directory that has one.
    static func defaultSchemasDirectory() -> String {
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("Schemas")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate.path
            }
            directory = directory.deletingLastPathComponent()
        }
        return "Schemas"
    }

    /// Prints `error: <message>` to standard error and returns exit status 2.
    static func badInput(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode(2)
    }
}
