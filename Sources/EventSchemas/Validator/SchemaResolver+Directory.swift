import Foundation

extension SchemaResolver {
    /// Registers every `*.json` file under a directory, each under `baseURI` + its relative path
    /// (e.g. `shared/money.json` as `https://schemas.lender.example/shared/money.json`).
    ///
    /// This is how remote `$ref`s are satisfied from disk: nothing is ever fetched.
    ///
    /// - Parameters:
    ///   - directory: The directory to walk (recursively).
    ///   - baseURI: The URI prefix, normally ending in `/`.
    /// - Returns: The number of documents registered.
    /// - Throws: `SchemaResolverError` naming the first unreadable or non-JSON file.
    @discardableResult
    public mutating func addDirectory(_ directory: URL, baseURI: String) throws -> Int {
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw SchemaResolverError(path: directory.path, reason: "cannot list the directory")
        }
        var count = 0
        for case let file as URL in walker where file.pathExtension == "json" {
            let path = file.standardizedFileURL.resolvingSymlinksInPath().path
            let relative = String(path.dropFirst(root.path.count).drop { $0 == "/" })
            let document: JSONValue
            do {
                document = try JSONValue(parsing: Array(try Data(contentsOf: file)))
            } catch let error as JSONParseError {
                throw SchemaResolverError(path: path, reason: error.description)
            } catch {
                throw SchemaResolverError(path: path, reason: "cannot read the file: \(error.localizedDescription)")
            }
            add(document, uri: baseURI + relative)
            count += 1
        }
        return count
    }
}

/// A schema file that could not be registered.
public struct SchemaResolverError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or directory.
    public var path: String
    /// What is wrong with it.
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}
