import ArgumentParser
import Kafka

/// The version of this build of LoanStream.
enum LoanStreamVersion {
    static let current = "0.1.0"
}

/// `loanstream version`: this program's version and the librdkafka it runs with.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print LoanStream's version and the linked librdkafka version."
    )

    func run() throws {
        print("loanstream \(LoanStreamVersion.current)")
        print("librdkafka \(Librdkafka.version)\(Librdkafka.isSupported ? "" : " (unsupported: need ≥ 2.3)")")
    }
}
