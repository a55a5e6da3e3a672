import _CryptoExtras
import Crypto
import EventSchemas
import Foundation

/// Verifies bearer JWTs (RFC 7519): HS256 with the development secret, RS256 with the production
/// public key, then `exp`, `nbf`, `iss` and `aud`.
///
/// Built on swift-crypto directly rather than a JWT library: the API accepts exactly two
/// algorithms, each tied to its own key, so the `alg` header only selects which configured key
/// must verify the signature — a token can never pick an algorithm or key the server did not
/// configure (no `none`, no HS256-with-the-RSA-key confusion), and no new dependency is built.
public struct TokenVerifier: Sendable {
    private let hmacKey: SymmetricKey?
    private let rsaKey: _RSA.Signing.PublicKey?
    private let settings: AuthSettings
    private let verified = VerifiedTokenCache()

    /// - Parameter settings: the keys and claim requirements.
    /// - Throws: when the RS256 PEM is not an RSA public key of at least 2048 bits.
    public init(settings: AuthSettings) throws {
        self.settings = settings
        hmacKey = settings.hs256Secret.map { SymmetricKey(data: $0) }
        rsaKey = try settings.rs256PublicKeyPEM.map { try _RSA.Signing.PublicKey(pemRepresentation: $0) }
    }

    /// Verifies a compact JWS and returns its caller.
    ///
    /// - Parameters:
    ///   - token: `header.payload.signature`.
    ///   - now: the time `exp` and `nbf` are checked against.
    /// - Returns: the subject and scopes.
    /// - Throws: ``TokenError`` saying why the token is refused.
    public func verify(_ token: String, now: Date = Date()) throws(TokenError) -> Principal {
        if let entry = verified.entry(for: token) {
            try checkTimes(expires: entry.expires, notBefore: entry.notBefore, now: now)
            return entry.principal
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]), let payloadBytes = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]),
              let header = try? JSONValue(parsing: headerBytes), let claims = try? JSONValue(parsing: payloadBytes),
              header.objectValue != nil, claims.objectValue != nil else {
            throw TokenError("the token is not a compact JWS")
        }
        // RFC 7515 §4.1.11: a token that names critical extensions this verifier does not implement is refused.
        guard header["crit"] == nil else { throw TokenError("the token names critical header extensions") }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        switch header["alg"]?.stringValue {
        case "HS256":
            guard let hmacKey else { throw TokenError("HS256 tokens are not accepted here") }
            guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: hmacKey) else {
                throw TokenError("the signature does not verify")
            }
        case "RS256":
            guard let rsaKey else { throw TokenError("RS256 tokens are not accepted here") }
            guard rsaKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: signingInput,
                                          padding: .insecurePKCS1v1_5) else {
                throw TokenError("the signature does not verify")
            }
        default:
            throw TokenError("the token's alg is not HS256 or RS256")
        }
        let entry = try verifiedClaims(claims)
        try checkTimes(expires: entry.expires, notBefore: entry.notBefore, now: now)
        verified.remember(entry, for: token)
        return entry.principal
    }

    /// `exp` (and `nbf`, when present) against `now`, with the configured leeway.
    private func checkTimes(expires: Double, notBefore: Double?, now: Date) throws(TokenError) {
        let time = now.timeIntervalSince1970
        guard time < expires + settings.leewaySeconds else { throw TokenError("the token has expired") }
        if let notBefore, time < notBefore - settings.leewaySeconds { throw TokenError("the token is not valid yet") }
    }

    /// The claims that do not depend on the time: present `exp`, well-formed `nbf`, issuer, audience, subject, scopes.
    private func verifiedClaims(_ claims: JSONValue) throws(TokenError) -> VerifiedTokenCache.Entry {
        guard let exp = claims["exp"]?.numberValue?.double else { throw TokenError("the token has no exp") }
        var notBefore: Double?
        if let nbf = claims["nbf"] {
            guard let value = nbf.numberValue?.double else { throw TokenError("the token is not valid yet") }
            notBefore = value
        }
        if let issuer = settings.issuer, claims["iss"]?.stringValue != issuer {
            throw TokenError("the token's issuer is not accepted")
        }
        if let audience = settings.audience {
            let audiences = claims["aud"]?.arrayValue?.compactMap(\.stringValue) ?? claims["aud"]?.stringValue.map { [$0] } ?? []
            guard audiences.contains(audience) else { throw TokenError("the token is not meant for this audience") }
        }
        guard let subject = claims["sub"]?.stringValue, !subject.isEmpty else { throw TokenError("the token has no sub") }
        let scopes = (claims["scope"]?.stringValue ?? "").split(separator: " ").map { Scope(rawValue: String($0)) }
        return .init(principal: Principal(subject: subject, scopes: Set(scopes)), expires: exp, notBefore: notBefore)
    }
}

/// Why a bearer token was refused; the reason is safe to show the caller.
public struct TokenError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
