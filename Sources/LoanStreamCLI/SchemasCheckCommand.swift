import ArgumentParser
import EventSchemas
import Foundation

/// `loanstream schemas check`: the CI gate over `Schemas/` and `Topics/` against a base revision.
///
/// Exit codes: 0 passed, 1 failed (incompatible change, lint, coverage), 2 the tree or the
/// base revision could not be read.
struct SchemasCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Refuse schema changes that would break a consumer (compatibility, lint, topic coverage).",
        discussion: """
        Every schema added or changed since --base is checked: editing a published version
        incompatibly fails, deleting one fails, and a new version must satisfy its topic's
        compatibility mode against the earlier versions. A base that does not exist (first
        commit, shallow clone) means every version is checked against the ones before it.
        """
    )

    @Option(help: "The git revision to compare with.")
    var base = "HEAD~1"

    @Option(help: "The repository root (holding Schemas/ and Topics/).")
    var repo = "."

    func run() throws {
        let root = URL(fileURLWithPath: repo, isDirectory: true)
        let baseFiles: [String: String]?
        do {
            baseFiles = try GitRevisionFiles(repository: root).files(at: base, under: ["Schemas", "Topics"])
        } catch {
            FileHandle.standardError.write(Data("schemas check: cannot read base revision \(base): \(error)\n".utf8))
            throw ExitCode(2)
        }
        print("schemas check: \(root.standardizedFileURL.path) against \(baseFiles == nil ? "nothing (base \(base) does not exist: first commit or shallow clone)" : base)")
        let report: GateReport
        do {
            report = try SchemaGate.check(repoRoot: root, baseFiles: baseFiles)
        } catch {
            FileHandle.standardError.write(Data("schemas check: cannot read the working tree: \(error)\n".utf8))
            throw ExitCode(2)
        }
        print(report)
        if !report.passed { throw ExitCode(1) }
    }
}

/// Reads files of one git revision with `git rev-parse`, `git ls-tree` and `git show`.
struct GitRevisionFiles {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let repository: URL

    /// The files under `folders` at `revision`, or nil when the revision does not exist.
    func files(at revision: String, under folders: [String]) throws -> [String: String]? {
        guard (try? git(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"])) != nil else { return nil }
        let listing = try git(["ls-tree", "-r", "--name-only", revision, "--"] + folders)
        var files: [String: String] = [:]
        for path in listing.split(separator: "\n").map(String.init) where path.hasSuffix(".json") {
            files[path] = try git(["show", "\(revision):\(path)"])
        }
        return files
    }

    private func git(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", repository.path] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "git \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(errorText)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
