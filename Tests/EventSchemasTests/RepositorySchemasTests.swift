import EventSchemas
import Foundation
import Testing

/// The repository's own `Schemas/` and `Topics/` pass the gate's static checks: every schema
/// compiles and lints clean, every topic event type has a schema and every schema a topic, and
/// each version is compatible with the ones before it under its topic's mode.
@Suite struct RepositorySchemasTests {
    @Test func repositorySchemasPassTheGate() throws {
        let root = try RepositoryRoot.locate()
        let report = try SchemaGate.check(repoRoot: root, baseFiles: nil)
        #expect(report.passed, "\(report)")
    }

    @Test func everyRepositorySchemaIsCompatibleWithItself() throws {
        let root = try RepositoryRoot.locate()
        let registry = try SchemaRegistry.load(directory: root.appendingPathComponent("Schemas"))
        for file in registry.files {
            let found = try SchemaCompatibility.incompatibilities(reader: file.schema, writer: file.schema)
            #expect(found.isEmpty, "\(file.path) is not compatible with itself: \(found)")
        }
    }
}
