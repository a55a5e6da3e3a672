import ArgumentParser
import Foundation
import HTTPAPI

extension DevelopmentToken {
    /// A development token signed with `LOANSTREAM_JWT_HS256_SECRET` (and the configured issuer
    /// and audience) from the environment: what `token`, `demo` and `bench e2e` hand out.
    ///
    /// - Throws: `ValidationError` naming the variable when no secret is set.
    static func fromEnvironment(subject: String, scopes: [String], lifetime: TimeInterval) throws -> String {
        let settings = try AuthSettings(environment: ProcessInfo.processInfo.environment)
        guard let secret = settings.hs256Secret else {
            throw ValidationError("LOANSTREAM_JWT_HS256_SECRET is not set: source scripts/env.sh after `scripts/stack up`")
        }
        return sign(secret: secret, subject: subject, scopes: scopes, lifetime: lifetime, issuer: settings.issuer,
                    audience: settings.audience)
    }
}
