import Foundation
@testable import Projections
import Testing

/// The envelope's UUIDs and timestamps are read without Foundation's parsers, and must read exactly as they do.
@Suite("Envelope text: UUIDs and RFC 3339 timestamps")
struct EnvelopeTextTests {
    @Test("UUIDs read as Foundation reads them, in either case; malformed ones are refused")
    func uuids() {
        for _ in 0..<200 {
            let id = UUID()
            #expect(EnvelopeText.uuid(id.uuidString) == id)
            #expect(EnvelopeText.uuid(id.uuidString.lowercased()) == id)
        }
        let good = "123e4567-e89b-12d3-a456-426614174000"
        for bad in ["", "123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400", good + "0",
                    "123e4567-e89b-12d3-a456_426614174000", "g23e4567-e89b-12d3-a456-426614174000", " " + good.dropFirst()] {
            // Stricter than Foundation's sscanf, which takes a trailing character or a leading space.
            #expect(EnvelopeText.uuid(bad) == nil, "\(bad)")
        }
    }

    @Test("timestamps read as Foundation's ISO 8601 parser reads them, to the microsecond, with and without fractions and offsets")
    func timestamps() throws {
        // The last four are a Double's ulp away from Foundation's reading (close to 2001 an ulp is under a
        // nanosecond): the same microsecond, which is what PostgreSQL stores.
        var samples = ["2026-11-21T10:15:30Z", "2026-11-21T10:15:30.123Z", "2024-02-29T23:59:59.999999Z",
                       "1999-12-31T23:00:00+05:30", "2026-03-01T00:00:00.5-08:00", "2000-01-01T00:00:00.000Z",
                       "2000-12-31T17:23:19.893Z", "2000-12-13T23:34:16.728Z", "2001-01-05T09:35:37.182Z",
                       "2000-12-31T19:01:06.396Z"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let seconds = Double(Int.random(in: 0...4_102_444_800, using: &generator))
            let millis = Double(Int.random(in: 0...999, using: &generator)) / 1_000
            samples.append(Date(timeIntervalSince1970: seconds + millis)
                .formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        for text in samples {
            let expected = try #require(Self.foundationReading(text))
            let read = try #require(EnvelopeText.date(text), "\(text) was not read")
            #expect(Self.microseconds(read) == Self.microseconds(expected),
                    "\(text): \(read.timeIntervalSinceReferenceDate) vs \(expected.timeIntervalSinceReferenceDate)")
        }
        // Spellings outside the fast form go to Foundation, which stays the judge (it rolls 30 February over).
        for odd in ["2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21 10:15:30Z",
                    "2026-11-21t10:15:30z", "2026-11-21T10:15:30", "2026-11-21T10:15:30.Z", "2026-11-21T10:15:60Z", "not a date"] {
            #expect(EnvelopeText.date(odd) == Self.foundationReading(odd), "\(odd)")
        }
    }

    /// The instant in whole microseconds since 2001, as PostgreSQL's timestamptz would keep it.
    private static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSinceReferenceDate * 1_000_000).rounded())
    }

    private static func foundationReading(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
