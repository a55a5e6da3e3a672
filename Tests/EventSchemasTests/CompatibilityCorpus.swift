import Foundation

/// Locates `../shared/conformance` beside the package root, or `LOANSTREAM_CONFORMANCE_DIR`.
enum CompatibilityCorpus {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The conformance directory; throws (so the test fails loudly) when it is not there.
    static func directory(filePath: String = #filePath) throws -> URL {
        if let override = ProcessInfo.processInfo.environment["LOANSTREAM_CONFORMANCE_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        // Resolve symlinks so a scratch package that links these test files still finds the repo.
        var directory = URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.deletingLastPathComponent().appendingPathComponent("shared/conformance", isDirectory: true)
            }
            directory.deleteLastPathComponent()
        }
        throw Missing(description: "no Package.swift above \(filePath); set LOANSTREAM_CONFORMANCE_DIR")
    }

    /// Reads a corpus file, failing with the path and the override variable's name when absent.
    static func read(_ relativePath: String, filePath: String = #filePath) throws -> Data {
        let url = try directory(filePath: filePath).appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Missing(description: "conformance corpus missing at \(url.path) (set LOANSTREAM_CONFORMANCE_DIR to its directory)")
        }
        return data
    }
}
