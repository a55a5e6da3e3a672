import EventSchemas
import Foundation
import Testing

@Suite struct TopicCatalogTests {
    /// A valid events topic; tests break one field at a time.
    private static func eventsTopic(_ overrides: [String: JSONValue] = [:], name: String = "t.events") -> String {
        var fields: [String: JSONValue] = [
            "name": .string(name), "kind": "events", "description": "test topic", "partitions": 3,
            "replication_factor": 3, "min_insync_replicas": 2, "cleanup_policy": "delete",
            "retention_ms": .null, "key": "loan_id", "event_types": ["loan.activated"],
        ]
        for (key, value) in overrides { fields[key] = value }
        return JSONValue.object(fields).serialized()
    }

    private static func problems(_ files: [String: String]) -> [TopicProblem] {
        do {
            _ = try TopicCatalog(files: files)
            return []
        } catch let error as TopicCatalogError {
            return error.problems
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test func repositoryTopicsAreValid() throws {
        let root = try RepositoryRoot.locate()
        let catalog = try TopicCatalog.load(directory: root.appendingPathComponent("Topics"))
        let loanEvents = try #require(catalog.topic(named: "lending.loan-events"))
        #expect(loanEvents.partitions == 12 && loanEvents.replicationFactor == 3 && loanEvents.minInsyncReplicas == 2)
        #expect(loanEvents.key == "loan_id")
        #expect(loanEvents.compatibility == .backwardTransitive)
        #expect(catalog.topic(forEventType: "kyc.individual.completed")?.name == "lending.borrower-events")
        #expect(catalog.topic(named: "lending.loan-events.dlq")?.sourceTopic == "lending.loan-events")
        for name in ["cdc.loan_view", "cdc.borrower_view", "cdc.statement_line", "cdc.portfolio_daily"] {
            #expect(catalog.topic(named: name)?.cleanupPolicy == .compact, "\(name) must be compacted")
        }
        #expect(loanEvents.effectiveReplicationFactor(brokers: 1) == 1)
        #expect(loanEvents.kafkaConfigs(brokers: 1)["min.insync.replicas"] == "1")
        #expect(loanEvents.kafkaConfigs(brokers: 3)["retention.ms"] == "-1")
    }

    @Test func badFieldsAreNamedWithTheirFile() {
        let found = Self.problems([
            "Topics/t.events.json": Self.eventsTopic(["partitions": 0, "min_insync_replicas": 4, "retention": 5]),
        ])
        let fields = Set(found.map(\.field))
        #expect(fields.contains("/partitions"))
        #expect(fields.contains("/min_insync_replicas"))
        #expect(found.contains { $0.code == .unknownField && $0.field == "/retention" })
        #expect(found.allSatisfy { $0.file == "Topics/t.events.json" })
    }

    @Test func wrongTypesAndMissingFieldsAreReported() {
        var fields = (try? JSONValue(parsing: Self.eventsTopic()).objectValue) ?? [:]
        fields["partitions"] = "twelve"
        fields["description"] = nil
        fields["cleanup_policy"] = "archive"
        let found = Self.problems(["Topics/t.events.json": JSONValue.object(fields).serialized()])
        #expect(found.contains { $0.code == .wrongType && $0.field == "/partitions" })
        #expect(found.contains { $0.code == .missingField && $0.field == "/description" })
        #expect(found.contains { $0.code == .invalidValue && $0.field == "/cleanup_policy" })
        #expect(Self.problems(["Topics/x.json": "{ not json"]).first?.code == .invalidJSON)
        #expect(Self.problems(["Topics/t.events.json": Self.eventsTopic(["key": []])]).map(\.field) == ["/key"])
    }

    @Test func duplicatesAcrossFilesAreRefused() {
        let found = Self.problems([
            "Topics/t.events.json": Self.eventsTopic(),
            "Topics/u.events.json": Self.eventsTopic(name: "u.events"),
            "Topics/v/t.events.json": Self.eventsTopic(["event_types": ["other.type"]]),
        ])
        #expect(found.contains { $0.code == .duplicateEventType && $0.file == "Topics/u.events.json" })
        #expect(found.contains { $0.code == .duplicateTopic })
    }

    @Test func kindSpecificFieldsAreEnforced() {
        let found = Self.problems([
            "Topics/t.events.json": Self.eventsTopic(),
            "Topics/t.dlq.json": Self.eventsTopic(["kind": "dlq", "source_topic": "nope", "event_types": []], name: "t.dlq"),
            "Topics/u.dlq.json": Self.eventsTopic(["kind": "dlq", "source_topic": "t.events", "event_types": ["x.y"]], name: "u.dlq"),
            "Topics/t.cdc.json": Self.eventsTopic(["kind": "cdc", "event_types": []], name: "t.cdc"),
        ])
        #expect(found.contains { $0.file == "Topics/u.dlq.json" && $0.field == "/event_types" })
        #expect(found.contains { $0.code == .unknownSourceTopic })
        #expect(found.contains { $0.file == "Topics/t.cdc.json" && $0.field == "/table" })
        #expect(found.contains { $0.file == "Topics/t.cdc.json" && $0.field == "/cleanup_policy" })
    }
}
