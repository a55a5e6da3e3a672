import Crypto
import EventSchemas
import Foundation
@testable import HTTPAPI
import Testing

/// The hand-written encoders on every request's path, against Foundation's reference output.
@Suite("Request-path text encodings")
struct TextEncodingTests {
    @Test("base64url round-trips every length and matches Foundation's base64 with the URL alphabet")
    func base64URLRoundTrips() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let reference = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == reference)
            #expect(Base64URL.decode(Substring(reference)) == bytes)
        }
        #expect(Base64URL.decode("ab+c") == nil)  // standard alphabet is refused
        #expect(Base64URL.decode("abc=") == nil)  // so is padding
        #expect(Base64URL.decode("abcde") == nil)  // and an impossible length
    }

    @Test("request hashes are the lowercase hex SHA-256 of the canonical request")
    func requestHashIsLowercaseHex() {
        let hash = CommandHeaders.requestHash(method: "POST", path: "/v1/x", body: .object(["b": .string("1"), "a": .null]))
        let expected = SHA256.hash(data: Array(#"POST\#n/v1/x\#n{"a":null,"b":"1"}"#.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(hash == expected)
        #expect(hash.count == 64)
    }

    @Test("an event's span id is the first 16 hex digits of its event id")
    func traceparentSpanFromEventID() throws {
        let eventID = try #require(UUID(uuidString: "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9"))
        #expect(EventEnvelope.traceparent(traceID: String(repeating: "1", count: 32), eventID: eventID)
            == "00-11111111111111111111111111111111-0a1b2c3d4e5f6071-01")
    }
}
