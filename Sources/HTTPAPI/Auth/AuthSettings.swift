import EventStore

/// How bearer tokens are verified. At least one key must be configured.
public struct AuthSettings: Sendable {
    /// Shared secret for HS256 tokens (development). Default `nil`: HS256 tokens are refused.
    public var hs256Secret: [UInt8]?
    /// PEM public key (`BEGIN PUBLIC KEY`, at least 2048 bits) for RS256 tokens (production).
    /// Default `nil`: RS256 tokens are refused.
    public var rs256PublicKeyPEM: String?
    /// Required `iss`, when set. Default `nil` (not checked).
    public var issuer: String?
    /// Required `aud` (a token's `aud` string or one of its array members), when set. Default `nil`.
    public var audience: String?
    /// Clock skew tolerated for `exp` and `nbf`, in seconds. Default 30.
    public var leewaySeconds: Double = 30

    /// Settings with no key: every token is refused until one is set.
    public init() {}

    /// Reads `LOANSTREAM_JWT_HS256_SECRET`, `LOANSTREAM_JWT_RS256_PUBLIC_KEY` (the PEM text),
    /// `LOANSTREAM_JWT_ISSUER` and `LOANSTREAM_JWT_AUDIENCE`.
    ///
    /// - Parameter environment: usually `ProcessInfo.processInfo.environment`.
    /// - Throws: `SettingsError` when no key is configured, or the secret is shorter than 32 bytes.
    public init(environment: [String: String]) throws(SettingsError) {
        if let secret = environment["LOANSTREAM_JWT_HS256_SECRET"], !secret.isEmpty {
            guard secret.utf8.count >= 32 else {
                throw SettingsError(variable: "LOANSTREAM_JWT_HS256_SECRET", reason: "must be at least 32 bytes (HS256 needs a 256-bit key)")
            }
            hs256Secret = Array(secret.utf8)
        }
        if let pem = environment["LOANSTREAM_JWT_RS256_PUBLIC_KEY"], !pem.isEmpty { rs256PublicKeyPEM = pem }
        guard hs256Secret != nil || rs256PublicKeyPEM != nil else {
            throw SettingsError(variable: "LOANSTREAM_JWT_HS256_SECRET",
                                reason: "or LOANSTREAM_JWT_RS256_PUBLIC_KEY must be set (scripts/stack up writes a development secret to .data/stack.env)")
        }
        issuer = environment["LOANSTREAM_JWT_ISSUER"].flatMap { $0.isEmpty ? nil : $0 }
        audience = environment["LOANSTREAM_JWT_AUDIENCE"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
