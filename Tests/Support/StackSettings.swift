import Foundation

/// The local stack's settings from the environment (`source scripts/env.sh`), for integration tests.
public enum StackSettings {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// `KAFKA_BROKERS`; a missing variable fails the test instead of skipping it.
    public static func kafkaBrokers() throws -> String {
        guard let brokers = ProcessInfo.processInfo.environment["KAFKA_BROKERS"], !brokers.isEmpty else {
            throw Missing(description: "KAFKA_BROKERS is not set: run `scripts/test` (or `scripts/stack up` and source scripts/env.sh)")
        }
        return brokers
    }
}
