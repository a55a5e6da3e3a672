import Foundation

/// The event schemas of `Schemas/<event_type>/v<N>.json`, compiled once for validation.
///
/// Reading files is the only I/O in this module, and only `load(directory:)` does it.
public struct SchemaRegistry: Sendable {
    /// One version with its compiled forms.
    struct Entry: Sendable {
        var file: EventSchemaFile
        var strict: CompiledSchema
        /// The copy with unknown properties ignored, used when the writer's version is unknown.
        var tolerant: CompiledSchema
    }

    private var entries: [String: [Int: Entry]] = [:]

    /// Parses and compiles schema files.
    ///
    /// - Parameter files: repository-relative path (`Schemas/<type>/v<N>.json`) to contents.
    /// - Throws: `SchemaRegistryError` naming the first file that is misplaced, not JSON, or not
    ///   a schema the validator compiles.
    public init(files: [String: String]) throws {
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
            guard let (eventType, version) = EventSchemaFile.parsePath(path) else {
                throw SchemaRegistryError(.unexpectedPath, path: path,
                                          "schema files must be Schemas/<event_type>/v<N>.json (N = 1, 2, …)")
            }
            let schema: JSONValue
            do {
                schema = try JSONValue(parsing: contents)
            } catch {
                throw SchemaRegistryError(.invalidJSON, path: path, "not valid JSON: \(error)")
            }
            let file = EventSchemaFile(eventType: eventType, version: version, path: path, schema: schema)
            do {
                let entry = Entry(file: file, strict: try CompiledSchema(schema),
                                  tolerant: try CompiledSchema(TolerantSchema.relax(schema)))
                entries[eventType, default: [:]][version] = entry
            } catch {
                throw SchemaRegistryError(.invalidSchema, path: path, "the validator rejects this schema: \(error)")
            }
        }
    }

    /// Reads every `<event_type>/v<N>.json` under `directory` (the repository's `Schemas/`).
    ///
    /// - Throws: `SchemaRegistryError` for an unreadable directory or file, or any `init(files:)` error.
    public static func load(directory: URL) throws -> SchemaRegistry {
        try SchemaRegistry(files: readFiles(directory: directory))
    }

    /// The raw `Schemas/…` files under `directory`, keyed by repository-relative path.
    ///
    /// - Throws: `SchemaRegistryError.unreadableFile`.
    public static func readFiles(directory: URL) throws -> [String: String] {
        let manager = FileManager.default
        guard manager.fileExists(atPath: directory.path) else { return [:] }
        let typeFolders: [String]
        do {
            typeFolders = try manager.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw SchemaRegistryError(.unreadableFile, path: "Schemas/", "cannot list: \(error.localizedDescription)")
        }
        var files: [String: String] = [:]
        for folder in typeFolders where !folder.hasPrefix(".") && folder != "README.md" {
            let folderURL = directory.appendingPathComponent(folder)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folderURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files["Schemas/\(folder)"] = ""
                continue
            }
            let names = (try? manager.contentsOfDirectory(atPath: folderURL.path)) ?? []
            for name in names where !name.hasPrefix(".") {
                let path = "Schemas/\(folder)/\(name)"
                guard let data = manager.contents(atPath: folderURL.appendingPathComponent(name).path) else {
                    throw SchemaRegistryError(.unreadableFile, path: path, "cannot read the file")
                }
                files[path] = String(decoding: data, as: UTF8.self)
            }
        }
        return files
    }

    /// Every event type with at least one version, sorted.
    public var eventTypes: [String] { entries.keys.sorted() }

    /// Every loaded schema file, sorted by event type then version.
    public var files: [EventSchemaFile] {
        eventTypes.flatMap { type in versions(of: type).compactMap { entries[type]?[$0]?.file } }
    }

    /// The versions of an event type, ascending.
    public func versions(of eventType: String) -> [Int] {
        (entries[eventType]?.keys).map { $0.sorted() } ?? []
    }

    /// The schema of one version.
    public func schema(eventType: String, version: Int) -> EventSchemaFile? {
        entries[eventType]?[version]?.file
    }

    /// The newest version of an event type.
    public func newest(eventType: String) -> EventSchemaFile? {
        versions(of: eventType).last.flatMap { schema(eventType: eventType, version: $0) }
    }

    func entry(eventType: String, version: Int) -> Entry? {
        entries[eventType]?[version]
    }
}
