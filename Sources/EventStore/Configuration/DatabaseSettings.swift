import PostgresNIO

/// Where and how to reach PostgreSQL, read from the `POSTGRES_*` environment variables that
/// `scripts/stack up` writes to `.data/stack.env`.
public struct DatabaseSettings: Sendable, Equatable {
    /// Host name or address. Default `127.0.0.1`.
    public var host: String = "127.0.0.1"
    /// TCP port. Default `5432`; the local stack uses `54329`.
    public var port: Int = 5432
    /// Role to log in as. Required.
    public var user: String
    /// Password of ``user``; `nil` for trust authentication.
    public var password: String?
    /// Database name. Default `loanstream`.
    public var database: String = "loanstream"

    /// Creates settings for the given role, leaving every other field at its default.
    public init(user: String) {
        self.user = user
    }

    /// Reads `POSTGRES_HOST`, `POSTGRES_PORT`, `POSTGRES_USER`, `POSTGRES_PASSWORD` and `POSTGRES_DB`.
    ///
    /// - Parameter environment: the variables to read, usually `ProcessInfo.processInfo.environment`.
    /// - Throws: ``SettingsError`` naming the variable that is missing or malformed.
    public init(environment: [String: String]) throws(SettingsError) {
        guard let user = environment["POSTGRES_USER"], !user.isEmpty else {
            throw SettingsError(variable: "POSTGRES_USER", reason: "is not set (source .data/stack.env after `scripts/stack up`)")
        }
        self.init(user: user)
        if let host = environment["POSTGRES_HOST"], !host.isEmpty { self.host = host }
        if let raw = environment["POSTGRES_PORT"], !raw.isEmpty {
            guard let port = Int(raw), (1...65_535).contains(port) else {
                throw SettingsError(variable: "POSTGRES_PORT", reason: "must be a TCP port number, got \"\(raw)\"")
            }
            self.port = port
        }
        password = environment["POSTGRES_PASSWORD"]
        if let database = environment["POSTGRES_DB"], !database.isEmpty { self.database = database }
    }

    /// The postgres-nio client configuration for these settings (plain TCP: the local stack is loopback only).
    public var clientConfiguration: PostgresClient.Configuration {
        PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                     database: database, tls: .disable)
    }
}

/// A configuration variable that is missing or malformed.
public struct SettingsError: Error, CustomStringConvertible, Equatable {
    /// The environment variable at fault.
    public var variable: String
    /// What is wrong with it, for a human.
    public var reason: String

    public init(variable: String, reason: String) {
        self.variable = variable
        self.reason = reason
    }

    public var description: String { "\(variable) \(reason)" }
}
