import Foundation

/// The local stack's settings, as `scripts/stack up` writes them and `make test` exports them.
enum TestEnvironment {
    static var variables: [String: String] { ProcessInfo.processInfo.environment }

    /// `KAFKA_BROKERS`, or a failure that tells the reader how to get one.
    static func kafkaBrokers() throws -> String {
        guard let brokers = variables["KAFKA_BROKERS"], !brokers.isEmpty else {
            throw MissingStack(variable: "KAFKA_BROKERS")
        }
        return brokers
    }

    /// A name no other test run uses, for topics and tables.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// The integration tests need the real stack; without it they fail rather than pass vacuously.
struct MissingStack: Error, CustomStringConvertible {
    var variable: String
    var description: String { "\(variable) is not set: run `make test` (or `scripts/stack up` and source .data/stack.env)" }
}
