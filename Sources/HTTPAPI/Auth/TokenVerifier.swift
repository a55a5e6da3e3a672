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
        return try principal(from: claims, now: now)
    }

    private func principal(from claims: JSONValue, now: Date) throws(TokenError) -> Principal {
        let time = now.timeIntervalSince1970
        guard let exp = claims["exp"]?.numberValue?.double else { throw TokenError("the token has no exp") }
        guard time < exp + settings.leewaySeconds else { throw TokenError("the token has expired") }
        if let nbf = claims["nbf"] {
            guard let value = nbf.numberValue?.double, time >= value - settings.leewaySeconds else {
                throw TokenError("the token is not valid yet")
            }
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
        return Principal(subject: subject, scopes: Set(scopes))
    }
}

/// Why a bearer token was refused; the reason is safe to show the caller.
public struct TokenError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
