/// Lowercase hexadecimal text of bytes, two digits per byte (request hashes, span ids).
///
/// Written out by hand: `String(format: "%02x")` per byte goes through Foundation's formatter and
/// was a measurable share of a command's CPU time.
enum Hex {
    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}
