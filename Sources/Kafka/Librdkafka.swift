import CRdKafka

/// Facts about the librdkafka library linked into this process.
public enum Librdkafka {
    /// The linked library's version string, read at run time (for example `"2.8.0"`).
    public static var version: String { String(cString: rd_kafka_version_str()) }

    /// The linked library's version as librdkafka encodes it: `0xMMmmrrpp` (major, minor, revision, pre-release).
    public static var versionNumber: Int { Int(rd_kafka_version()) }

    /// The lowest librdkafka this project supports: 2.0.x cannot parse current brokers' ApiVersions responses.
    public static let minimumSupported = (major: 2, minor: 3)

    /// Whether the linked library is at least ``minimumSupported``.
    public static var isSupported: Bool {
        let major = (versionNumber >> 24) & 0xFF
        let minor = (versionNumber >> 16) & 0xFF
        return (major, minor) >= minimumSupported
    }
}
