import Crypto
import EventSchemas
import Foundation

/// HS256 tokens for development and tests (`loanstream token`); production tokens come from the
/// identity provider and are RS256.
public enum DevelopmentToken {
    /// Signs a token.
    ///
    /// - Parameters:
    ///   - secret: the HS256 secret the server is configured with.
    ///   - subject: the `sub` claim.
    ///   - scopes: the `scope` claim, space-separated.
    ///   - lifetime: seconds until `exp`.
    ///   - issuer: an `iss` claim, when the server requires one.
    ///   - audience: an `aud` claim, when the server requires one.
    ///   - now: the `iat` and `nbf` time.
    /// - Returns: the compact JWS.
    public static func sign(secret: [UInt8], subject: String, scopes: [String], lifetime: TimeInterval = 3600,
                            issuer: String? = nil, audience: String? = nil, now: Date = Date()) -> String {
        let issuedAt = Int64(now.timeIntervalSince1970)
        var claims: [String: JSONValue] = [
            "sub": .string(subject),
            "scope": .string(scopes.joined(separator: " ")),
            "iat": .number(JSONNumber(issuedAt)),
            "nbf": .number(JSONNumber(issuedAt)),
            "exp": .number(JSONNumber(issuedAt + Int64(lifetime))),
        ]
        if let issuer { claims["iss"] = .string(issuer) }
        if let audience { claims["aud"] = .string(audience) }
        let header: JSONValue = ["alg": "HS256", "typ": "JWT"]
        let input = Base64URL.encode(header.serialized(sortedKeys: true).utf8) + "."
            + Base64URL.encode(JSONValue.object(claims).serialized(sortedKeys: true).utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: secret))
        return input + "." + Base64URL.encode(mac)
    }
}
