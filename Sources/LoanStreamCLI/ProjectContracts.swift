import ArgumentParser
import EventSchemas
import Foundation

/// The `--schemas-dir` / `--topics-dir` options shared by `project`, `dlq`, `rebuild` and `bench projections`.
struct ProjectContracts: ParsableArguments {
    @Option(help: "The Schemas directory events are validated against (default: Schemas/ in the repository).")
    var schemasDir: String?

    @Option(help: "The Topics directory naming each topic's DLQ (default: Topics/ beside Schemas/).")
    var topicsDir: String?

    /// Loads both directories.
    func load() throws -> (schemas: SchemaRegistry, topics: TopicCatalog) {
        let schemasPath = schemasDir ?? SchemasValidateCommand.defaultSchemasDirectory()
        let topicsPath = topicsDir ?? URL(fileURLWithPath: schemasPath).deletingLastPathComponent().appendingPathComponent("Topics").path
        let schemas = try SchemaRegistry.load(directory: URL(fileURLWithPath: schemasPath, isDirectory: true))
        let topics = try TopicCatalog.load(directory: URL(fileURLWithPath: topicsPath, isDirectory: true))
        return (schemas, topics)
    }
}
