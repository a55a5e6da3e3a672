import EventSchemas
import Testing

@Suite("Validator errors: locations, messages, limits")
struct ValidatorErrorTests {
    /// The benchmark fixture: the repayment.received envelope of docs/EVENTS.md.
    let schema: CompiledSchema

    init() throws {
        schema = try CompiledSchema(JSONValue(parsing: ValidationBenchmark.repaymentReceivedSchema))
    }

    static func payload(_ edit: (inout [String: JSONValue]) -> Void) throws -> JSONValue {
        guard case .object(var members) = try JSONValue(parsing: ValidationBenchmark.repaymentReceivedPayloads(count: 1)[0]) else {
            Issue.record("fixture payload is not an object")
            return .null
        }
        edit(&members)
        return .object(members)
    }

    @Test("a valid event has no errors")
    func validEvent() throws {
        let event = try Self.payload { _ in }
        #expect(schema.validate(event).isEmpty)
        #expect(schema.isValid(event))
    }

    @Test("a bad amount names the instance pointer, the keyword pointer and the pattern")
    func badAmount() throws {
        let event = try Self.payload { $0["data"] = .object(($0["data"]?.objectValue ?? [:]).merging(
            ["amount": ["amount": "12.5x", "currency": "INR"]]) { $1 }) }
        let errors = schema.validate(event)
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.instanceLocation.description == "/data/amount/amount")
        #expect(error.keywordLocation.description == "/properties/data/properties/amount/$ref/properties/amount/pattern")
        #expect(error.schemaLocation.description == "/$defs/money/properties/amount/pattern")
        #expect(error.schemaURI == "https://loanstream.example/schemas/repayment.received/v1.json")
        #expect(error.message.contains("12.5x") && error.message.contains("pattern"))
        #expect(!schema.isValid(event))
    }

    @Test("every error is collected: unknown field, missing field, wrong type, bad format")
    func collectsAll() throws {
        let event = try Self.payload {
            $0["memo"] = "unexpected"
            $0["loan_id"] = nil
            $0["version"] = "7"
            $0["occurred_at"] = "2026-11-31T10:00:00Z"
        }
        let errors = schema.validate(event)
        let summary = Set(errors.map { "\($0.instanceLocation) \($0.keywordLocation)" })
        #expect(summary == [
            "/memo /additionalProperties",
            " /required",
            "/version /properties/version/type",
            "/occurred_at /properties/occurred_at/format",
        ])
        #expect(errors.first { $0.keywordLocation.description == "/required" }?.message.contains("loan_id") == true)
        #expect(errors.first { $0.instanceLocation.description == "/memo" }?.message.contains("\"memo\"") == true)
    }

    @Test("the error limit stops collection")
    func limit() throws {
        let schema = try CompiledSchema(JSONValue(parsing: #"{"items": {"type": "string"}}"#))
        let instance = JSONValue.array(Array(repeating: .number(JSONNumber(1)), count: 500))
        #expect(schema.validate(instance).count == 100)
        #expect(schema.validate(instance, maxErrors: 3).count == 3)
        #expect(schema.validate(instance, maxErrors: 3).map(\.instanceLocation.description) == ["/0", "/1", "/2"])
    }

    @Test("descriptions are readable")
    func description() throws {
        let schema = try CompiledSchema(JSONValue(parsing: #"{"properties": {"a~b": {"minimum": 5}}}"#))
        let error = try #require(schema.validate(["a~b": 3]).first)
        #expect(error.description == "/a~0b: 3 is less than the minimum 5 (schema /properties/a~0b/minimum)")
    }
}
