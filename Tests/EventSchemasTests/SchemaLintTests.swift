import EventSchemas
import Testing

@Suite struct SchemaLintTests {
    typealias F = EventSchemaFixtures

    private func lint(_ schema: JSONValue, type: String = "loan.activated", version: Int = 1) -> [LintProblem] {
        SchemaLint.lint(EventSchemaFile(eventType: type, version: version,
                                        path: "Schemas/\(type)/v\(version).json", schema: schema), streamKey: "loan_id")
    }

    @Test func conformingSchemaIsClean() {
        #expect(lint(F.loanEvent("loan.activated", version: 1, data: F.activatedData)).isEmpty)
    }

    @Test func constantsMustMatchTheFilesPlace() {
        let schema = F.loanEvent("loan.activated", version: 1, data: F.activatedData)
        let rules = lint(schema, type: "loan.closed", version: 2).map(\.rule)
        #expect(rules.contains(.eventTypeConst))
        #expect(rules.contains(.schemaVersionConst))
    }

    @Test func openModelsAndMissingHeadersAreReported() {
        guard case .object(var members) = F.loanEvent("loan.activated", version: 1, data: F.activatedData) else { return }
        members["additionalProperties"] = nil
        members["$schema"] = "http://json-schema.org/draft-07/schema#"
        members["title"] = nil
        members["required"] = ["event_id"]
        let found = lint(.object(members))
        #expect(found.contains { $0.rule == .closedTopLevel })
        #expect(found.contains { $0.rule == .draft && $0.pointer == "/$schema" })
        #expect(found.contains { $0.rule == .title })
        #expect(found.contains { $0.rule == .envelopeRequired && $0.message.contains("occurred_at") })
        #expect(found.contains { $0.rule == .envelopeRequired && $0.message.contains("loan_id") })
    }

    @Test func moneyAsANumberIsNamedByPointer() {
        var data = F.activatedData
        data["principal"] = ["type": "object", "additionalProperties": false,
                             "properties": ["amount": ["type": "number"], "currency": ["type": "string"]]]
        data["outstanding_balance"] = ["type": "integer"]
        let pointers = lint(F.loanEvent("loan.activated", version: 1, data: data))
            .filter { $0.rule == .moneyAsNumber }.map(\.pointer)
        #expect(pointers.contains("/properties/data/properties/principal/properties/amount"))
        #expect(pointers.contains("/properties/data/properties/outstanding_balance"))
    }
}
