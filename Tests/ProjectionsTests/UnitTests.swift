import EventSchemas
import Foundation
import Kafka
import LoanStreamTestSupport
@testable import Projections
import Testing

@Suite("Projector logic without servers")
struct ProjectorUnitTests {
    static func decoder() throws -> EventDecoder { EventDecoder(schemas: try RepositoryContracts.schemas.get()) }

    static func raw(_ message: KafkaProducerMessage, offset: Int64, partition: Int32 = 0) -> RawMessage {
        RawMessage(topic: message.topic, partition: partition, offset: offset, key: message.key, value: message.value, headers: message.headers)
    }

    @Test("the backoff is the seeds' policy: 100 ms doubling, capped at 30 s, 10 attempts in all")
    func backoff() {
        let policy = RetryPolicy.seeds
        let delays = (1...10).map { policy.delay(afterAttempt: $0) }
        #expect(delays.prefix(9).map { $0! } == [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600),
            .milliseconds(3200), .milliseconds(6400), .milliseconds(12800), .milliseconds(25600),
        ])
        #expect(delays[9] == nil, "the 10th failed attempt is the last")
        let long = RetryPolicy(maxAttempts: 20)
        #expect(long.delay(afterAttempt: 10) == .seconds(30))
        #expect(long.delay(afterAttempt: 19) == .seconds(30))
    }

    @Test("valid envelopes decode; broken ones are classified as permanent failures with their identity")
    func decoding() throws {
        let decoder = try Self.decoder()
        let loan = UUID()
        let good = decoder.decode(Self.raw(SyntheticEvents.repayment(topic: "t", loanID: loan, version: 4), offset: 7))
        let event = try good.result.get()
        #expect(event.streamID == loan && event.version == 4 && event.offset == 7 && event.eventType == "repayment.received")

        let id = UUID()
        let bad = SyntheticEvents.repaymentReceived(loanID: loan, version: 5, eventID: id).replacingOccurrences(of: "\"channel\":\"upi\"", with: "\"channel\":7")
        let mismatch = decoder.decode(Self.raw(SyntheticEvents.message(topic: "t", loanID: loan, version: 5, eventID: id, value: bad), offset: 8))
        #expect(mismatch.rejection?.errorClass == EventRejection.schemaMismatch)
        #expect(mismatch.streamID == loan && mismatch.version == 5 && mismatch.eventID == id)

        let unknown = SyntheticEvents.repaymentReceived(loanID: loan, version: 5, eventID: id).replacingOccurrences(of: "repayment.received", with: "loan.teleported")
        #expect(decoder.decode(Self.raw(SyntheticEvents.message(topic: "t", loanID: loan, version: 5, eventID: id, value: unknown), offset: 9))
            .rejection?.errorClass == EventRejection.unknownEventType)

        let garbage = decoder.decode(Self.raw(SyntheticEvents.message(topic: "t", loanID: loan, version: 5, eventID: id, value: "{nope"), offset: 10))
        #expect(garbage.rejection?.errorClass == EventRejection.undecodable)
        #expect(garbage.streamID == loan && garbage.version == 5, "identity comes from the headers when the value is broken")
    }

    @Test("the planner applies in order, skips duplicates, holds gaps and parks poison per stream")
    func planning() throws {
        let decoder = try Self.decoder()
        let (a, b) = (UUID(), UUID())
        var offset: Int64 = 0
        func message(_ loan: UUID, _ version: Int, value: String? = nil, id: UUID = UUID()) -> DecodedMessage {
            offset += 1
            let body = value ?? SyntheticEvents.repaymentReceived(loanID: loan, version: version, eventID: id)
            return decoder.decode(Self.raw(SyntheticEvents.message(topic: "t", loanID: loan, version: version, eventID: id, value: body), offset: offset))
        }
        var planner = BatchPlanner(states: [a: StreamState(applied: 1)]) { decoder.decode($0) }
        planner.add(message(a, 1))                      // duplicate
        planner.add(message(a, 3))                      // gap: waits
        planner.add(message(a, 2))                      // fills it: 2 then 3
        planner.add(message(b, 1))
        planner.add(message(b, 2, value: "{broken"))    // parked: b blocked
        planner.add(message(b, 3))                      // waits behind the parked one
        #expect(planner.accepted.map { "\($0.streamID == a ? "a" : "b")\($0.version)" } == ["a2", "a3", "b1"])
        #expect(planner.duplicates == 1)
        #expect(planner.parked.map(\.version) == [2])
        #expect(planner.newWaiting.map(\.version) == [3])
        #expect(planner.versions == [a: 3, b: 1])
        planner.skip(stream: b, version: 2)
        #expect(planner.accepted.last?.version == 3 && planner.accepted.last?.streamID == b, "a discard lets the successor flow")
    }

    @Test("settings come from LOANSTREAM_PROJECTOR_* and name the bad variable")
    func settings() throws {
        let settings = try ProjectorSettings(environment: [
            "KAFKA_BROKERS": "b:1", "LOANSTREAM_PROJECTOR_TOPICS": "x, y", "LOANSTREAM_PROJECTOR_BATCH_SIZE": "50",
            "LOANSTREAM_PROJECTOR_GAP_TIMEOUT_MS": "1500", "LOANSTREAM_PROJECTOR_FETCH_WAIT_MS": "20",
        ])
        #expect(settings.topics == ["x", "y"] && settings.batchSize == 50 && settings.gapTimeout == .milliseconds(1500))
        #expect(settings.fetchWait == .milliseconds(20))
        // Not librdkafka's 500 ms by default: Tansu holds a fetch for the whole wait even when data arrives.
        #expect(try ProjectorSettings(environment: ["KAFKA_BROKERS": "b:1"]).fetchWait == .milliseconds(50))
        #expect(throws: (any Error).self) { try ProjectorSettings(environment: ["KAFKA_BROKERS": "b:1", "LOANSTREAM_PROJECTOR_BATCH_SIZE": "0"]) }
        do {
            _ = try ProjectorSettings(environment: ["KAFKA_BROKERS": "b:1", "LOANSTREAM_PROJECTOR_SESSION_TIMEOUT_MS": "soon"])
            Issue.record("a bad value must be refused")
        } catch {
            #expect(error.variable == "LOANSTREAM_PROJECTOR_SESSION_TIMEOUT_MS")
        }
    }
}
