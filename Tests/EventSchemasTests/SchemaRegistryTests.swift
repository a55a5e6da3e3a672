import EventSchemas
import Testing

/// Registry lookups and the tolerant-reader fallback.
@Suite struct SchemaRegistryTests {
    typealias F = EventSchemaFixtures

    private func registry() throws -> SchemaRegistry {
        var data = F.activatedData
        data["branch_code"] = ["type": "string"]
        return try SchemaRegistry(files: F.files([
            ("loan.activated", 1, F.loanEvent("loan.activated", version: 1, data: F.activatedData)),
            ("loan.activated", 2, F.loanEvent("loan.activated", version: 2, data: data, required: F.activatedData.keys.sorted())),
        ]))
    }

    private func payload(version: Int, extra: [String: JSONValue] = [:]) -> JSONValue {
        var data: [String: JSONValue] = ["principal": ["amount": "1250.00", "currency": "INR"],
                                         "rate_bps": 1250, "product_code": "PL"]
        for (key, value) in extra { data[key] = value }
        return [
            "event_id": "5f0c6f0e-3c1b-4b8e-9a53-6d3c2f1a0b11", "event_type": "loan.activated",
            "schema_version": .number(JSONNumber(version)), "loan_id": "0b7e4a7c-8f55-4c6b-9d8e-2b1f3e4d5a66",
            "version": 4, "occurred_at": "2026-11-21T10:00:00Z", "effective_at": "2026-11-21T00:00:00Z",
            "metadata": ["trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "idempotency_key": "k-1"],
            "data": .object(data),
        ]
    }

    @Test func lookups() throws {
        let registry = try registry()
        #expect(registry.eventTypes == ["loan.activated"])
        #expect(registry.versions(of: "loan.activated") == [1, 2])
        #expect(registry.newest(eventType: "loan.activated")?.path == "Schemas/loan.activated/v2.json")
        #expect(registry.schema(eventType: "loan.activated", version: 3) == nil)
    }

    @Test func knownWriterVersionIsValidatedStrictly() throws {
        let result = try registry().validate(payload(version: 1, extra: ["surprise": true]),
                                             eventType: "loan.activated", writerVersion: 1)
        #expect(result.basis == .writerVersion(1))
        #expect(!result.isValid, "v1 is closed: an unknown property is an error against the writer's own version")
    }

    @Test func unknownWriterVersionFallsBackToNewestIgnoringUnknownProperties() throws {
        let result = try registry().validate(payload(version: 2, extra: ["from_v3": "x"]),
                                             eventType: "loan.activated", writerVersion: 3)
        #expect(result.usedTolerantFallback)
        #expect(result.basis == .newestIgnoringUnknownProperties(newest: 2, requested: 3))
        #expect(result.isValid, "\(result.errors)")
        let missing = try registry().validate(["event_type": "loan.activated"], eventType: "loan.activated", writerVersion: nil)
        #expect(missing.usedTolerantFallback && !missing.isValid, "required fields are still enforced")
    }

    @Test func badFilesAreNamed() {
        #expect {
            try SchemaRegistry(files: ["Schemas/loan.activated/version1.json": "{}"])
        } throws: { ($0 as? SchemaRegistryError)?.code == .unexpectedPath }
        #expect {
            try SchemaRegistry(files: ["Schemas/loan.activated/v1.json": "{"])
        } throws: { ($0 as? SchemaRegistryError)?.path == "Schemas/loan.activated/v1.json" }
        #expect(throws: SchemaRegistryError.self) {
            try SchemaRegistry(files: [:]).validate([:], eventType: "nope", writerVersion: 1)
        }
    }
}
