import ArgumentParser

/// `loanstream schemas …`: event payloads and schema evolution.
struct SchemasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemas",
        abstract: "Validate payloads, compare schema versions, and gate schema changes in CI.",
        subcommands: [SchemasValidateCommand.self, SchemasCompatCommand.self, SchemasCheckCommand.self]
    )
}
