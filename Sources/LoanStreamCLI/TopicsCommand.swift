import ArgumentParser
import EventSchemas
import Foundation
import Kafka

/// `loanstream topics …`: the Topics/ catalog and the cluster.
struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Validate the Topics/ catalog, and plan or apply it on a Kafka cluster.",
        subcommands: [TopicsValidateCommand.self, TopicsPlanCommand.self, TopicsApplyCommand.self]
    )
}

/// Options shared by `plan` and `apply`.
struct TopicsClusterOptions: ParsableArguments {
    @Option(help: "The folder holding the topic files.")
    var dir = "Topics"

    @Option(help: "Bootstrap servers (default: $KAFKA_BROKERS).")
    var brokers: String?

    /// Connects to the cluster and reads the catalogue's specs, capped to the cluster's broker count.
    func connect() async throws -> (brokers: String, admin: KafkaAdmin, specs: [TopicSpec], brokerCount: Int) {
        let cluster = TopicsCluster(catalogDirectory: dir, brokers: try TopicsCluster.brokersFromEnvironment(brokers))
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: cluster.brokers))
        let (specs, brokerCount) = try await cluster.specs(admin: admin)
        return (cluster.brokers, admin, specs, brokerCount)
    }
}

/// `loanstream topics plan`: what `apply` would change, changing nothing.
struct TopicsPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Show what `topics apply` would create, and which topics differ from the catalog.")

    @OptionGroup var options: TopicsClusterOptions

    func run() async throws {
        let (brokers, admin, specs, brokerCount) = try await options.connect()
        let plan = try await admin.plan(specs)
        print("cluster \(brokers): \(brokerCount) broker(s)")
        var differing = 0
        for entry in plan.entries {
            switch entry.change {
            case .create: print("  + create  \(entry.spec.name)  \(TopicsCluster.describe(entry.spec))")
            case .unchanged: print("  = ok      \(entry.spec.name)")
            case .differs(let differences):
                differing += 1
                print("  ! differs \(entry.spec.name): \(differences.map(\.description).joined(separator: "; "))")
            }
        }
        if differing > 0 {
            print("\(differing) topic(s) differ from the catalog; apply never alters an existing topic")
            throw ExitCode(1)
        }
    }
}

/// `loanstream topics apply`: creates the catalog's missing topics; never alters existing ones.
struct TopicsApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Create the catalog's missing topics (idempotent; existing topics are never altered).")

    @OptionGroup var options: TopicsClusterOptions

    func run() async throws {
        let (_, admin, specs, _) = try await options.connect()
        let outcomes = try await admin.createTopics(specs)
        var differing = 0
        for spec in specs {
            switch outcomes[spec.name] {
            case .created: print("  created  \(spec.name)  \(TopicsCluster.describe(spec))")
            case .alreadyExists: print("  exists   \(spec.name)")
            case .differs(let differences):
                differing += 1
                print("  DIFFERS  \(spec.name): \(differences.map(\.description).joined(separator: "; ")) (left unchanged)")
            case nil: print("  ?        \(spec.name): no outcome reported")
            }
        }
        if differing > 0 { throw ExitCode(1) }
    }
}
