import ArgumentParser
import EventStore
import Foundation
import Logging
import PostgresNIO
import Relay

/// `loanstream outbox`: the outbox rows the relay parked, and what an operator does about them.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List, requeue or discard outbox rows the relay parked (POSTGRES_* settings).",
        discussion: """
            A parked row failed the relay's checks (its payload against Schemas/, its headers, its size); the later rows \
            of its key wait behind it so consumers never see a gap. Fix the cause (for example deploy the corrected \
            schema and restart the relay), then requeue it: it goes back under its original id and is published before \
            the rows that waited. Discard only what must never reach Kafka: the event stays in the event store.
            """,
        subcommands: [OutboxParkedCommand.self, OutboxRequeueCommand.self, OutboxDiscardCommand.self])

    static func withParked(_ body: @Sendable (ParkedOutbox) async throws -> Void) async throws {
        let database = try DatabaseSettings(environment: ProcessInfo.processInfo.environment)
        let logger = Logger(label: "loanstream.outbox")
        try await PostgresClient.withClient(database, logger: logger) { client in
            try await body(ParkedOutbox(client: client, logger: logger))
        }
    }

    static func describe(_ row: ParkedOutboxRow) -> String {
        "\(row.table)#\(row.id) key \(row.key) \(row.eventType ?? row.topic) parked \(row.parkedAt.formatted(.iso8601)): \(row.error)"
    }
}

struct OutboxParkedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parked", abstract: "Parked outbox rows with their error, oldest first.")

    @Option(help: "Only this outbox table's rows (outbox, cdc_outbox).")
    var table: String?

    @Option(help: "The most rows listed.")
    var limit = 1_000

    func run() async throws {
        let (table, limit) = (table, limit)
        try await OutboxCommand.withParked { parked in
            let rows = try await parked.list(table: table, limit: limit)
            print("\(rows.count) parked outbox row(s)")
            for row in rows { print(OutboxCommand.describe(row)) }
        }
    }
}

struct OutboxRequeueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requeue",
        abstract: "Put parked rows back into their table under their original ids; a row that fails again is parked again.")

    @Option(help: "The outbox table (outbox, cdc_outbox).")
    var table = "outbox"

    @Argument(help: "Row ids from `loanstream outbox parked`.")
    var ids: [Int64] = []

    @Flag(help: "Every parked row of the table.")
    var all = false

    func validate() throws {
        guard all != !ids.isEmpty else { throw ValidationError("give row ids or --all (not both)") }
    }

    func run() async throws {
        let (table, ids, all) = (table, ids, all)
        try await OutboxCommand.withParked { parked in
            let requeued = try await parked.requeue(table: table, ids: all ? nil : ids, actor: DlqCommand.actor)
            print("requeued \(requeued.count) row(s) into \(table): \(requeued.map(String.init).joined(separator: ", "))")
            let missing = Set(ids).subtracting(requeued)
            if !missing.isEmpty { print("not parked in \(table): \(missing.sorted().map(String.init).joined(separator: ", "))") }
        }
    }
}

struct OutboxDiscardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discard",
        abstract: "Delete parked rows for good so the rows behind them flow; Kafka consumers never receive them.")

    @Option(help: "The outbox table (outbox, cdc_outbox).")
    var table = "outbox"

    @Argument(help: "Row ids from `loanstream outbox parked`.")
    var ids: [Int64]

    @Option(help: "Why (logged with each row).")
    var reason: String

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("give the row ids to discard") }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must say why") }
    }

    func run() async throws {
        let (table, ids, reason) = (table, ids, reason)
        try await OutboxCommand.withParked { parked in
            let discarded = try await parked.discard(table: table, ids: ids, reason: reason, actor: DlqCommand.actor)
            print("discarded \(discarded.count) row(s)")
            for row in discarded { print(OutboxCommand.describe(row)) }
        }
    }
}
