import ArgumentParser

/// `loanstream bench …`: throughput benchmarks, each beside a raw baseline measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that compare LoanStream with a raw baseline in the same run.",
        subcommands: [BenchKafkaCommand.self, BenchSchemasCommand.self, BenchCommandsCommand.self, BenchRelayCommand.self,
                      BenchProjectionsCommand.self, BenchE2ECommand.self, BenchSnapshotsCommand.self]
    )
}
