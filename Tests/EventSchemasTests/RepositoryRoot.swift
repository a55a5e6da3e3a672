import Foundation

/// The LoanStream checkout these tests belong to (symlinks resolved, so scratch packages work).
enum RepositoryRoot {
    struct NotFound: Error, CustomStringConvertible { var description: String }

    static func locate(filePath: String = #filePath) throws -> URL {
        var directory = URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        throw NotFound(description: "no Package.swift above \(filePath)")
    }
}
