import _CryptoExtras
import Crypto
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Bearer tokens and scopes")
struct AuthTests {
    @Test func missingOrInvalidTokensAre401WithWWWAuthenticate() async throws {
        try await APITestHarness.run { api in
            let forged = DevelopmentToken.sign(secret: Array("another-secret-that-is-32-bytes-long!!".utf8), subject: "x", scopes: ["admin"])
            let expired = DevelopmentToken.sign(secret: APITestHarness.secret, subject: "x", scopes: ["admin"],
                                                now: Date().addingTimeInterval(-7_200))
            for token in [nil, "not-a-jwt", forged, expired] {
                let response = try await api.post("/v1/borrowers", Fixtures.borrower, token: token)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(try response.json()["type"]?.stringValue == "https://loanstream.dev/problems/unauthorized")
            }
            #expect(try await api.writtenRows() == 0)
        }
    }

    @Test func aTokenWithoutTheScopeIs403() async throws {
        try await APITestHarness.run { api in
            let reader = APITestHarness.token(["loans:read", "repayments:write"])
            let response = try await api.post("/v1/borrowers", Fixtures.borrower, token: reader)
            #expect(response.status == .forbidden)
            #expect(try response.json()["type"]?.stringValue == "https://loanstream.dev/problems/forbidden")
            #expect(try await api.writtenRows() == 0)
            let writer = APITestHarness.token(["originations:write"])
            #expect(try await api.post("/v1/borrowers", Fixtures.borrower, token: writer).status == .created)
            #expect(try await api.get("/v1/loans/\(UUID().uuidString)/events", token: writer).status == .forbidden)
        }
    }

    @Test func rs256TokensVerifyWithThePublicKeyOnly() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        var settings = AuthSettings()
        settings.rs256PublicKeyPEM = key.publicKey.pemRepresentation
        settings.issuer = "https://idp.example"
        let verifier = try TokenVerifier(settings: settings)
        let now = Date()
        func token(alg: String = "RS256", iss: String = "https://idp.example") throws -> String {
            let header = Base64.url(#"{"alg":"\#(alg)","typ":"JWT"}"#)
            let claims = Base64.url(#"{"sub":"svc","scope":"loans:read","iss":"\#(iss)","exp":\#(Int(now.timeIntervalSince1970) + 60)}"#)
            let signature = try key.signature(for: Array("\(header).\(claims)".utf8), padding: .insecurePKCS1v1_5)
            return "\(header).\(claims).\(Base64.url(signature.rawRepresentation))"
        }
        let principal = try verifier.verify(try token(), now: now)
        #expect(principal == Principal(subject: "svc", scopes: [.loansRead]))
        #expect(throws: TokenError.self) { try verifier.verify(try token(iss: "https://evil.example"), now: now) }
        // The same bytes claimed as HS256 or "none" must not pass: no HS256 key is configured.
        #expect(throws: TokenError.self) { try verifier.verify(try token(alg: "HS256"), now: now) }
        #expect(throws: TokenError.self) { try verifier.verify(try token(alg: "none"), now: now) }
    }

    @Test("a token that verified once is still refused after it expires or before it is valid")
    func verifiedTokensAreCheckedForTimeOnEveryUse() throws {
        var settings = AuthSettings()
        let secret = Array("a-development-secret-of-32-bytes!!".utf8)
        settings.hs256Secret = secret
        let verifier = try TokenVerifier(settings: settings)
        let issued = Date()
        let token = DevelopmentToken.sign(secret: secret, subject: "svc", scopes: ["loans:read"], lifetime: 600, now: issued)
        #expect(try verifier.verify(token, now: issued.addingTimeInterval(10)).subject == "svc")
        #expect(try verifier.verify(token, now: issued.addingTimeInterval(20)).subject == "svc")
        func refusal(_ token: String, at now: Date) -> String? {
            do { _ = try verifier.verify(token, now: now) } catch { return error.reason }
            return nil
        }
        #expect(refusal(token, at: issued.addingTimeInterval(3_600)) == "the token has expired")
        #expect(refusal(token, at: issued.addingTimeInterval(-3_600)) == "the token is not valid yet")
        // A tampered copy of a verified token is not served from what was remembered.
        let signatureStart = try #require(token.lastIndex(of: ".")).utf16Offset(in: token) + 1
        var bytes = Array(token.utf8)
        bytes[signatureStart] = bytes[signatureStart] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(refusal(String(decoding: bytes, as: UTF8.self), at: issued) == "the signature does not verify")
    }
}

/// Base64url for building tokens by hand in tests.
enum Base64 {
    static func url(_ text: String) -> String { url(Array(text.utf8)) }

    static func url(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
