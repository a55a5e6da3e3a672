import Foundation
import Kafka
import LoanStreamTestSupport
import Logging
import Relay
import Testing

@Suite("bench relay", .timeLimit(.minutes(2)))
struct RelayBenchmarkTests {
    @Test("a small run drains every event beside the raw rate, and deletes the topics it created")
    func smallRunLeavesNoTopics() async throws {
        let brokers = try RelayTestSupport.brokers()
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: brokers))
        var settings = RelayBenchmark.Settings(relay: RelayTestSupport.relaySettings(brokers: brokers))
        settings.events = 2_000
        settings.repetitions = 1
        settings.relay.batchSize = 500
        let benchmark = RelayBenchmark(settings: settings, schemas: try RelayTestSupport.schemas(),
                                       logger: Logger(label: "test.bench.relay"))
        let before = Set(try await admin.listTopics().map(\.name).filter { $0.hasPrefix("bench.relay.") })
        let result = try await ScratchDatabase.migrated { client in try await benchmark.run(client: client) }
        #expect(result.events == 2_000 && result.relayRate > 0 && result.rawRate > 0)
        let after = Set(try await admin.listTopics().map(\.name).filter { $0.hasPrefix("bench.relay.") })
        // A broker that keeps topics in memory (the local Tansu) grew until the kernel killed it.
        #expect(after.subtracting(before).isEmpty, "left behind: \(after.subtracting(before).sorted())")
    }
}
