import ArgumentParser
import EventSchemas
import Foundation

/// `loanstream topics validate [--dir Topics]`: checks the topic catalog files.
///
/// Exit codes: 0 valid, 1 invalid (each problem names its file and field).
struct TopicsValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate the Topics/ catalog: fields, types, replication settings, duplicates."
    )

    @Option(help: "The folder holding the topic files.")
    var dir = "Topics"

    func run() throws {
        let directory = URL(fileURLWithPath: dir, isDirectory: true)
        let prefix = dir.hasSuffix("/") ? dir : dir + "/"
        do {
            let catalog = try TopicCatalog.load(directory: directory, displayPrefix: prefix)
            for topic in catalog.topics {
                let retention = topic.retentionMs.map { "\($0 / 86_400_000)d" } ?? "forever"
                print("  \(topic.name)  kind=\(topic.kind.rawValue) partitions=\(topic.partitions) rf=\(topic.replicationFactor) min.insync=\(topic.minInsyncReplicas) cleanup=\(topic.cleanupPolicy.rawValue) retention=\(retention) key=\(topic.key)\(topic.eventTypes.isEmpty ? "" : " events=\(topic.eventTypes.count) \(topic.compatibility.rawValue)")")
            }
            print("topics validate: \(catalog.topics.count) topic(s) valid in \(prefix)")
        } catch let error as TopicCatalogError {
            FileHandle.standardError.write(Data("topics validate: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
