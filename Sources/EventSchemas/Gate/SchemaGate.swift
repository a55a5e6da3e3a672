import Foundation

/// The CI gate over `Schemas/` and `Topics/`, pure apart from reading the working tree.
///
/// The caller supplies the base revision's files, so this module runs no git or process I/O.
public enum SchemaGate {
    /// Checks the working tree at `repoRoot` against a base revision.
    ///
    /// - Parameters:
    ///   - repoRoot: the repository root holding `Schemas/` and `Topics/`.
    ///   - baseFiles: the base revision's `Schemas/…` and `Topics/…` files (path → contents), or
    ///     nil when there is no base (first commit, shallow clone): then every version is checked
    ///     against the versions before it.
    /// - Returns: the report; `passed` is the verdict.
    /// - Throws: `SchemaRegistryError`/`TopicCatalogError` only when the tree cannot be read at all.
    public static func check(repoRoot: URL, baseFiles: [String: String]?) throws -> GateReport {
        let topicsDirectory = repoRoot.appendingPathComponent("Topics")
        var topicFiles: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: topicsDirectory.path)) ?? [] where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: topicsDirectory.appendingPathComponent(name).path) else {
                throw TopicCatalogError([TopicProblem(.unreadableFile, file: "Topics/\(name)", "cannot read the file")])
            }
            topicFiles["Topics/\(name)"] = String(decoding: data, as: UTF8.self)
        }
        let schemaFiles = try SchemaRegistry.readFiles(directory: repoRoot.appendingPathComponent("Schemas"))
        return check(schemaFiles: schemaFiles, topicFiles: topicFiles, baseFiles: baseFiles)
    }

    /// The same check over in-memory files (what tests use).
    public static func check(schemaFiles: [String: String], topicFiles: [String: String],
                             baseFiles: [String: String]?) -> GateReport {
        var run = GateRun()
        let catalog = run.loadCatalog(topicFiles)
        let current = run.loadSchemas(schemaFiles)
        if let catalog {
            run.lint(current, catalog: catalog)
            run.checkCoverage(current, catalog: catalog)
        }
        run.checkVersionSequences(current)
        if let baseFiles {
            let base = baseFiles.filter { $0.key.hasPrefix("Schemas/") }
            run.notes.append("base revision has \(base.count) schema file(s)")
            run.checkAgainstBase(current: current, base: base, catalog: catalog)
            run.noteModeChanges(baseTopicFiles: baseFiles.filter { $0.key.hasPrefix("Topics/") }, catalog: catalog)
        } else {
            run.notes.append("no base revision: every version is checked against the versions before it")
            run.checkNewVersions(Set(current.keys), current: current, catalog: catalog)
        }
        return GateReport(problems: run.problems, notes: run.notes)
    }
}
