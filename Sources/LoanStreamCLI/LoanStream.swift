import ArgumentParser

/// The `loanstream` executable: one binary for every LoanStream process and tool.
@main
struct LoanStream: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loanstream",
        abstract: "LoanStream: the event backbone of a lending business.",
        version: LoanStreamVersion.current,
        subcommands: [
            VersionCommand.self, ServeCommand.self, MigrateCommand.self, TokenCommand.self, ScheduleCommand.self,
            SchemasCommand.self, TopicsCommand.self, BenchCommand.self,
            ProjectCommand.self, DlqCommand.self, RebuildCommand.self,
        ]
    )
}
