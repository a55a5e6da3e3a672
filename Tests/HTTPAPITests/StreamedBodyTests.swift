#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HTTPAPI
import HummingbirdTesting
import Testing

/// A chunked body (no Content-Length) is read only up to the limit: the server answers 413 while
/// the client is still sending, without waiting for the body's end.
@Suite("Streamed bodies over a real socket")
struct StreamedBodyTests {
    @Test func aChunkedBodyOverTheLimitIs413BeforeItEnds() async throws {
        var settings = HTTPSettings()
        settings.bodyLimit = 1_024
        try await APITestHarness.run(settings: settings, setup: .live) { api in
            let port = try #require(api.client.port)
            let head = "POST /v1/borrowers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(APITestHarness.token())\r\n"
                + "Idempotency-Key: chunked-1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            let chunk = String(repeating: "a", count: 2_048)
            // Two kilobytes of body, and never the terminating zero-length chunk.
            let request = head + String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n"
            let response = try RawHTTP.exchange(port: port, request: request)
            #expect(response.hasPrefix("HTTP/1.1 413"), "\(response.prefix(200))")
            #expect(response.contains("body-too-large"))
            #expect(try await api.writtenRows() == 0)
        }
    }
}

/// A blocking loopback exchange for the one test that must control the bytes on the wire.
enum RawHTTP {
    struct SocketError: Error { var step: String }

    /// Sends `request` and reads what arrives until the server closes or 5 s pass without data.
    static func exchange(port: Int, request: String) throws -> String {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw SocketError(step: "socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw SocketError(step: "connect") }
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            throw SocketError(step: "send")
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
            if String(decoding: received, as: UTF8.self).contains("}") { break }
        }
        return String(decoding: received, as: UTF8.self)
    }
}
