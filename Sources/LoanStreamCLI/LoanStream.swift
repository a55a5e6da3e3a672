import ArgumentParser
import Foundation
import Telemetry

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
            AllCommand.self, RelayCommand.self, OutboxCommand.self, ProjectCommand.self, DlqCommand.self, RebuildCommand.self, ExporterCommand.self,
            DemoCommand.self,
        ]
    )

    /// Installs logging (LOANSTREAM_LOG_FORMAT/LEVEL), the Prometheus metrics backend and trace propagation
    /// before any command runs, then runs the command as ArgumentParser would.
    static func main() async {
        do {
            try LoggingSetup.bootstrapProcess(environment: ProcessInfo.processInfo.environment)
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
