import Kafka
import Testing

/// An independent Swift port of the Java client's `Utils.murmur2` (seed 0x9747b28c), used to check that
/// our producer places keys exactly where a Java/Kafka Streams producer would.
enum JavaMurmur2 {
    static func hash(_ data: [UInt8]) -> Int32 {
        let seed: UInt32 = 0x9747_b28c
        let m: UInt32 = 0x5bd1_e995
        let r: UInt32 = 24
        var h = seed ^ UInt32(truncatingIfNeeded: data.count)
        let blocks = data.count / 4
        for block in 0..<blocks {
            let i = block * 4
            var k = UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24
            k = k &* m
            k ^= k >> r
            k = k &* m
            h = h &* m
            h ^= k
        }
        let tail = blocks * 4
        switch data.count % 4 {
        case 3:
            h ^= UInt32(data[tail + 2]) << 16
            h ^= UInt32(data[tail + 1]) << 8
            h ^= UInt32(data[tail])
            h = h &* m
        case 2:
            h ^= UInt32(data[tail + 1]) << 8
            h ^= UInt32(data[tail])
            h = h &* m
        case 1:
            h ^= UInt32(data[tail])
            h = h &* m
        default:
            break
        }
        h ^= h >> 13
        h = h &* m
        h ^= h >> 15
        return Int32(bitPattern: h)
    }

    /// `Utils.toPositive(murmur2(key)) % numPartitions`, the Java default partitioner for keyed records.
    static func partition(_ key: [UInt8], partitions: Int32) -> Int32 {
        (hash(key) & 0x7fff_ffff) % partitions
    }
}

@Suite("Java-compatible murmur2 partitioning")
struct Murmur2PartitionerTests {
    /// Vectors from Apache Kafka's own suite: `clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java`,
    /// `testMurmur2` (also quoted by KafkaEx's `MurmurTest` and, for "1"…"12345", Akka's `Murmur2Spec`).
    @Test("the Swift port reproduces Kafka's UtilsTest.testMurmur2 vectors", arguments: [
        ("21", -973_932_308), ("foobar", -790_332_482), ("a-little-bit-long-string", -985_981_536),
        ("a-little-bit-longer-string", -1_486_304_829),
        ("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58_897_971), ("abc", 479_470_107),
        ("1", -1_993_445_489), ("12", 126_087_238), ("123", -267_702_483), ("1234", -1_614_185_708),
        ("12345", -1_188_365_604),
    ] as [(String, Int32)])
    func knownVectors(key: String, expected: Int32) {
        #expect(JavaMurmur2.hash(Array(key.utf8)) == expected)
    }

    @Test("the producer puts each key on the partition the Java partitioner would choose")
    func producerMatchesJavaPartitioner() async throws {
        let brokers = try KafkaTestSupport.brokers()
        let admin = try KafkaTestSupport.admin()
        let partitionCount: Int32 = 12
        let topic = try await KafkaTestSupport.createTopic("murmur2", partitions: Int(partitionCount), admin: admin)
        let producer = try KafkaTestSupport.producer(brokers: brokers)
        let keys = (0..<200).map { "2f1c6a4e-\($0)-loan" } + ["21", "foobar", "abc", "a", ""]
        let reports = try await producer.sendBatch(keys.map {
            KafkaProducerMessage(topic: topic, key: Array($0.utf8), value: KafkaTestSupport.bytes("v"))
        })
        try await producer.close()

        for (key, report) in zip(keys, reports) where !key.isEmpty {
            #expect(report.partition == JavaMurmur2.partition(Array(key.utf8), partitions: partitionCount), "key \(key)")
        }
        #expect(Set(reports.map(\.partition)).count == Int(partitionCount), "200 keys should reach all 12 partitions")
    }
}
