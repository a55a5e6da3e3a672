import Relay
import Testing

@Suite("Relay settings")
struct SettingsTests {
    @Test("defaults drain outbox and cdc_outbox; every variable is read")
    func readsEnvironment() throws {
        let defaults = try RelaySettings(environment: ["KAFKA_BROKERS": "b:9092"])
        #expect(defaults.sources.map(\.table) == ["outbox", "cdc_outbox"])
        #expect(defaults.batchSize == 5_000)
        let custom = try RelaySettings(environment: [
            "KAFKA_BROKERS": "b:9092", "LOANSTREAM_RELAY_TABLES": "cdc_outbox", "LOANSTREAM_RELAY_TOPIC_MAP": "cdc.loan_view=dev.cdc.loan_view",
            "LOANSTREAM_RELAY_BATCH_SIZE": "100", "LOANSTREAM_RELAY_LOCK_KEY": "-7", "LOANSTREAM_RELAY_POLL_INTERVAL_MS": "40",
        ])
        #expect(custom.sources == [RelaySource(table: "cdc_outbox", topicMapping: ["cdc.loan_view": "dev.cdc.loan_view"])])
        #expect(custom.batchSize == 100 && custom.lockKey == -7 && custom.pollInterval == .milliseconds(40))
    }

    @Test("a bad value is refused with an error naming its variable", arguments: [
        ("KAFKA_BROKERS", ""),
        ("LOANSTREAM_RELAY_BATCH_SIZE", "0"),
        ("LOANSTREAM_RELAY_TABLES", "outbox; DROP TABLE outbox"),
        ("LOANSTREAM_RELAY_TOPIC_MAP", "a=b=c"),
        ("LOANSTREAM_RELAY_LOCK_KEY", "12x"),
        ("LOANSTREAM_RELAY_BACKOFF_MAX_MS", "-1"),
    ])
    func refusesBadValues(variable: String, value: String) {
        var environment = ["KAFKA_BROKERS": "b:9092"]
        environment[variable] = value
        let error = #expect(throws: RelayError.self) { _ = try RelaySettings(environment: environment) }
        #expect(error?.reason.contains(variable) == true, "\(String(describing: error))")
    }
}
