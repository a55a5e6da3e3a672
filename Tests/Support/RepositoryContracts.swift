import EventSchemas
import Foundation

/// The repository's own `Schemas/` and `Topics/`, loaded once for the integration tests.
public enum RepositoryContracts {
    /// The package root (this file is `Tests/Support/RepositoryContracts.swift`).
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Schemas/`, or the error that stopped it from loading (reported by each test that needs it).
    public static let schemas = Result { try SchemaRegistry.load(directory: root.appendingPathComponent("Schemas")) }

    /// `Topics/`, or the error that stopped it from loading.
    public static let topics = Result { try TopicCatalog.load(directory: root.appendingPathComponent("Topics")) }
}
