import ArgumentParser
import EventStore
import Foundation
import Kafka
import Logging
import PostgresNIO
import Projections

/// `loanstream dlq …`: inspect and resolve the events projectors parked.
struct DlqCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "List, replay or discard parked (dead-lettered) projector events.",
        subcommands: [DlqListCommand.self, DlqReplayCommand.self, DlqDiscardCommand.self])

    /// Runs `body` with an admin over the database (and a DLQ producer when KAFKA_BROKERS is set).
    static func withAdmin(_ contracts: ProjectContracts, _ body: @Sendable (DeadLetterAdmin) async throws -> Void) async throws {
        let environment = ProcessInfo.processInfo.environment
        let database = try DatabaseSettings(environment: environment)
        let (schemas, topics) = try contracts.load()
        let logger = Logger(label: "loanstream.dlq")
        let producer = try environment["KAFKA_BROKERS"].flatMap { $0.isEmpty ? nil : $0 }.map {
            try KafkaProducer(configuration: KafkaProducerConfiguration(bootstrapServers: $0), logger: logger)
        }
        let settings = try? ProjectorSettings(environment: environment)
        try await PostgresClient.withClient(database, logger: logger) { client in
            let admin = DeadLetterAdmin(client: client, schemas: schemas, publisher: { projector in
                guard let producer, let projection = try? ProjectionCatalog.standard.make(projector) else { return nil }
                var routes: [String: String] = [:]
                for topic in settings?.topics ?? projection.topics {
                    if let dlq = settings?.dlqTopic ?? topics.topics.first(where: { $0.kind == .dlq && $0.sourceTopic == topic })?.name {
                        routes[topic] = dlq
                    }
                }
                return DeadLetterPublisher(producer: producer, routes: routes, projector: projector)
            }, logger: logger)
            try await body(admin)
        }
        try await producer?.close()
    }

    static var actor: String {
        ProcessInfo.processInfo.environment["USER"].map { "\($0)@\(ProcessInfo.processInfo.hostName)" } ?? ProcessInfo.processInfo.hostName
    }
}

struct DlqListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Parked events with their error, oldest first.")

    @Option(help: "Only this projector's.")
    var projector: String?

    @Flag(help: "Include replayed and discarded ones.")
    var all = false

    @OptionGroup var contracts: ProjectContracts

    func run() async throws {
        let (projector, all) = (projector, all)
        try await DlqCommand.withAdmin(contracts) { admin in
            let parked = try await admin.list(projector: projector, includeResolved: all)
            print("\(parked.count) parked event(s)")
            for event in parked {
                let stream = event.streamID.map { "\($0) v\(event.version ?? 0)" } ?? "unknown stream"
                let state = event.resolution.map { "\($0) by \(event.resolvedBy ?? "?")" } ?? "parked"
                print("""
                    #\(event.id) [\(event.projector)] \(event.eventID?.uuidString.lowercased() ?? "-") \(event.eventType ?? "?") \
                    \(stream) from \(event.topic)[\(event.partition)]@\(event.offset) \(state) \
                    (\(event.errorClass)): \(event.errorMessage)
                    """)
            }
        }
    }
}

struct DlqReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-validate and apply a parked event, then the events of its stream that waited behind it.",
        discussion: "If it still fails it stays parked with the new error. Run after fixing the cause (a schema, the projection).")

    @Argument(help: "The parked event's event id (or its #row id from `dlq list`).")
    var event: String?

    @Flag(help: "Replay every parked event (of --projector, or all).")
    var all = false

    @Option(help: "With --all: only this projector's.")
    var projector: String?

    @OptionGroup var contracts: ProjectContracts

    func validate() throws {
        guard all != (event != nil) else { throw ValidationError("name one event or pass --all") }
        if let event, ParkedReference(event) == nil { throw ValidationError("\(event) is neither an event id nor a row id") }
    }

    func run() async throws {
        let (event, all, projector) = (event, all, projector)
        try await DlqCommand.withAdmin(contracts) { admin in
            if all {
                for (parked, outcome) in try await admin.replayAll(projector: projector, by: DlqCommand.actor) {
                    print("#\(parked.id): \(outcome.resolved ? "replayed, \(outcome.applied) applied" : "still parked: \(outcome.error ?? "")")")
                }
            } else if let event, let reference = ParkedReference(event) {
                let outcome = try await admin.replay(reference, by: DlqCommand.actor)
                print(outcome.resolved ? "replayed: \(outcome.applied) event(s) applied" : "still parked: \(outcome.error ?? "")")
                if !outcome.resolved { throw ExitCode(1) }
            }
        }
    }
}

struct DlqDiscardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discard",
        abstract: "Give up on a parked event for good, so the events behind it flow.",
        discussion: """
            The event is never applied: its version counts as skipped, the events of its stream that waited behind it \
            are applied, and the read model permanently lacks what the event would have changed (fix it with a \
            correcting event on the write side). For a version_gap it is the missing versions that are given up on; \
            the parked event itself is then applied. Who discarded it and when is recorded in projection_parked.
            """)

    @Argument(help: "The parked event's event id (or its #row id from `dlq list`).")
    var event: String

    @OptionGroup var contracts: ProjectContracts

    func validate() throws {
        if ParkedReference(event) == nil { throw ValidationError("\(event) is neither an event id nor a row id") }
    }

    func run() async throws {
        guard let reference = ParkedReference(event) else { return }
        try await DlqCommand.withAdmin(contracts) { admin in
            let outcome = try await admin.discard(reference, by: DlqCommand.actor)
            print("discarded: \(outcome.applied) waiting event(s) applied")
        }
    }
}
