import EventSchemas
import Testing

@Suite("format assertion")
struct ValidatorFormatTests {
    static func isValid(_ format: String, _ value: String, assert: Bool = true) throws -> Bool {
        var options = ValidatorOptions()
        options.assertFormats = assert
        return try CompiledSchema(["format": .string(format)], options: options).isValid(.string(value))
    }

    @Test("valid values", arguments: [
        ("date-time", "2026-11-21T10:15:00Z"), ("date-time", "2026-11-21t10:15:00.123+05:30"),
        ("date-time", "2016-12-31T23:59:60Z"), ("date", "2024-02-29"), ("time", "23:59:59.5-01:00"),
        ("uuid", "2EB8AA08-AA98-11EA-B4AA-73B441D16380"), ("email", "ops+loans@lender.example"),
        ("uri", "https://lender.example/loans/1?x=1#a"), ("uri-reference", "../v2.json#/$defs/a"),
        ("ipv4", "10.0.0.255"), ("ipv6", "::ffff:10.0.0.1"), ("hostname", "api.lender.example"),
        ("duration", "P1Y2M3DT4H5M6S"), ("duration", "P4W"), ("regex", "^[0-9]+$"), ("json-pointer", "/a~1b/0"),
    ])
    func valid(format: String, value: String) throws {
        #expect(try Self.isValid(format, value))
    }

    @Test("invalid values", arguments: [
        ("date-time", "2026-11-21 10:15:00Z"), ("date-time", "2026-11-21T10:15:00"), ("date-time", "2026-02-30T00:00:00Z"),
        ("date-time", "2026-11-21T10:15:60Z"), ("date", "2023-02-29"), ("date", "2026-1-01"), ("time", "24:00:00Z"),
        ("uuid", "2eb8aa08aa9811eab4aa73b441d16380"), ("uuid", "2eb8aa08-aa98-11ea-b4aa-73b441d1638g"),
        ("email", "no-at-sign"), ("email", "a..b@lender.example"), ("uri", "lender.example/path"), ("uri", "http://x y"),
        ("ipv4", "256.1.1.1"), ("ipv4", "01.1.1.1"), ("ipv6", "1:2:3"), ("hostname", "-bad.example"),
        ("duration", "P"), ("duration", "PT1D"), ("regex", "^(abc]"), ("json-pointer", "a/b"),
    ])
    func invalid(format: String, value: String) throws {
        #expect(try !Self.isValid(format, value))
        #expect(try Self.isValid(format, value, assert: false), "without assertion format is an annotation")
    }

    @Test("formats ignore non-strings and unknown formats are annotations")
    func nonStrings() throws {
        let schema = try CompiledSchema(["format": "date-time"])
        #expect(schema.isValid(12))
        #expect(try CompiledSchema(["format": "x-loan-number"]).isValid("anything"))
    }
}
