import Foundation

/// Every topic declared in `Topics/`, validated as a whole.
public struct TopicCatalog: Sendable {
    /// Topics sorted by name.
    public private(set) var topics: [TopicDefinition]

    /// Parses and validates topic files.
    ///
    /// - Parameter files: file path (relative to the repository, e.g. `Topics/x.json`) to contents.
    /// - Throws: `TopicCatalogError` listing every problem: bad JSON, unknown fields, wrong types,
    ///   partitions < 1, min.insync > replication, duplicate topic names, an event type in two topics,
    ///   a DLQ whose source topic is not declared.
    public init(files: [String: String]) throws {
        var problems: [TopicProblem] = []
        var topics: [TopicDefinition] = []
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
            var parser = TopicFileParser(file: path)
            if let topic = parser.parse(contents) { topics.append(topic) }
            problems += parser.problems
        }
        problems += Self.crossFileProblems(topics)
        guard problems.isEmpty else { throw TopicCatalogError(problems) }
        self.topics = topics.sorted { $0.name < $1.name }
    }

    /// Reads every `*.json` file of a directory (e.g. `<repo>/Topics`).
    ///
    /// - Parameters:
    ///   - directory: the folder to read.
    ///   - displayPrefix: how file names appear in messages (default `Topics/`).
    /// - Throws: `TopicCatalogError`, including an unreadable directory or file.
    public static func load(directory: URL, displayPrefix: String = "Topics/") throws -> TopicCatalog {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw TopicCatalogError([TopicProblem(.unreadableFile, file: directory.path, "cannot list the directory: \(error.localizedDescription)")])
        }
        var files: [String: String] = [:]
        for name in names where name.hasSuffix(".json") {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw TopicCatalogError([TopicProblem(.unreadableFile, file: displayPrefix + name, "cannot read the file")])
            }
            files[displayPrefix + name] = String(decoding: data, as: UTF8.self)
        }
        return try TopicCatalog(files: files)
    }

    /// The topic with this name.
    public func topic(named name: String) -> TopicDefinition? {
        topics.first { $0.name == name }
    }

    /// The events topic that carries `eventType`.
    public func topic(forEventType eventType: String) -> TopicDefinition? {
        topics.first { $0.eventTypes.contains(eventType) }
    }

    /// Every event type declared by an events topic.
    public var eventTypes: Set<String> { Set(topics.flatMap(\.eventTypes)) }

    private static func crossFileProblems(_ topics: [TopicDefinition]) -> [TopicProblem] {
        var problems: [TopicProblem] = []
        var fileByName: [String: String] = [:]
        var topicByEventType: [String: String] = [:]
        for topic in topics {
            if let earlier = fileByName[topic.name] {
                problems.append(TopicProblem(.duplicateTopic, file: topic.file, field: "/name",
                                             "topic \(topic.name) is already declared in \(earlier)"))
            } else {
                fileByName[topic.name] = topic.file
            }
            for (index, eventType) in topic.eventTypes.enumerated() {
                if let other = topicByEventType[eventType] {
                    problems.append(TopicProblem(.duplicateEventType, file: topic.file, field: "/event_types/\(index)",
                                                 "\(eventType) is already carried by \(other); an event type lives on exactly one topic"))
                } else {
                    topicByEventType[eventType] = topic.name
                }
            }
        }
        for topic in topics where topic.kind == .dlq {
            if let source = topic.sourceTopic, fileByName[source] == nil {
                problems.append(TopicProblem(.unknownSourceTopic, file: topic.file, field: "/source_topic",
                                             "source topic \(source) is not declared in Topics/"))
            }
        }
        return problems
    }
}
