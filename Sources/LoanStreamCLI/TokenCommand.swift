import ArgumentParser
import Foundation
import HTTPAPI

/// `loanstream token --scopes "…"`: prints an HS256 development token signed with
/// `LOANSTREAM_JWT_HS256_SECRET` (written to `.data/stack.env` by `scripts/stack up`).
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Print a development bearer token (HS256, secret from LOANSTREAM_JWT_HS256_SECRET).")

    @Option(help: "Space-separated scopes: originations:write repayments:write servicing:write loans:read admin.")
    var scopes: String

    @Option(help: "The token's subject (sub): the caller's identity.")
    var subject = "developer"

    @Option(help: "Lifetime in seconds.")
    var ttl = 3600

    func validate() throws {
        guard (1...31 * 86_400).contains(ttl) else { throw ValidationError("--ttl must be 1 second to 31 days") }
        let known = Set(Scope.all.map(\.rawValue))
        for scope in scopes.split(separator: " ") where !known.contains(String(scope)) {
            throw ValidationError("unknown scope '\(scope)'; known: \(Scope.all.map(\.rawValue).joined(separator: " "))")
        }
    }

    func run() throws {
        print(try DevelopmentToken.fromEnvironment(subject: subject, scopes: scopes.split(separator: " ").map(String.init),
                                                   lifetime: TimeInterval(ttl)))
    }
}
