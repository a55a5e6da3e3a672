import EventSchemas
import Testing

/// The CI gate on fixture schema sets: real breaking changes fail, compatible ones pass.
@Suite struct SchemaGateTests {
    typealias F = EventSchemaFixtures
    private let v1 = F.loanEvent("loan.activated", version: 1, data: F.activatedData)

    private func gate(_ schemas: [(String, Int, JSONValue)], base: [(String, Int, JSONValue)]?,
                      topic: [String] = ["loan.activated"]) -> GateReport {
        SchemaGate.check(schemaFiles: F.files(schemas), topicFiles: F.topic(topic),
                         baseFiles: base.map { F.files($0).merging(F.topic(topic)) { a, _ in a } })
    }

    @Test func optionalFieldAddedToClosedModelPasses() {
        var data = F.activatedData
        data["branch_code"] = ["type": "string"]
        let v2 = F.loanEvent("loan.activated", version: 2, data: data, required: F.activatedData.keys.sorted())
        let report = gate([("loan.activated", 1, v1), ("loan.activated", 2, v2)], base: [("loan.activated", 1, v1)])
        #expect(report.passed, "\(report)")
        #expect(report.notes.contains { $0.contains("v2.json: compatible (BACKWARD_TRANSITIVE)") })
    }

    @Test func requiredFieldRemovedFails() {
        var data = F.activatedData
        data["product_code"] = nil
        let v2 = F.loanEvent("loan.activated", version: 2, data: data)
        let report = gate([("loan.activated", 1, v1), ("loan.activated", 2, v2)], base: [("loan.activated", 1, v1)])
        #expect(!report.passed)
        let problem = report.problems.first { $0.code == .newVersionIncompatible }
        #expect(problem?.file == "Schemas/loan.activated/v2.json")
        #expect(problem?.message.contains("PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL at #/properties/data/properties/product_code") == true,
                "\(report)")
    }

    @Test func typeNarrowedFails() {
        var data = F.activatedData
        data["rate_bps"] = ["type": "integer"]
        let v2 = F.loanEvent("loan.activated", version: 2, data: data)
        let report = gate([("loan.activated", 1, v1), ("loan.activated", 2, v2)], base: [("loan.activated", 1, v1)])
        #expect(report.problems.contains { $0.code == .newVersionIncompatible && $0.message.contains("TYPE_NARROWED") }, "\(report)")
    }

    @Test func editingOrDeletingAPublishedVersionFails() {
        var data = F.activatedData
        data["branch_code"] = ["type": "string"]
        let edited = F.loanEvent("loan.activated", version: 1, data: data, required: F.activatedData.keys.sorted())
        let editReport = gate([("loan.activated", 1, edited)], base: [("loan.activated", 1, v1)])
        #expect(editReport.problems.contains { $0.code == .versionEditedIncompatibly }, "\(editReport)")

        let v2 = F.loanEvent("loan.activated", version: 2, data: F.activatedData)
        let deleteReport = gate([("loan.activated", 1, v1)], base: [("loan.activated", 1, v1), ("loan.activated", 2, v2)])
        #expect(deleteReport.problems.contains { $0.code == .versionDeleted && $0.file == "Schemas/loan.activated/v2.json" })
    }

    @Test func unchangedTreePassesAndCoverageIsEnforced() {
        #expect(gate([("loan.activated", 1, v1)], base: [("loan.activated", 1, v1)]).passed)
        #expect(gate([("loan.activated", 1, v1)], base: nil).passed)
        let missing = gate([("loan.activated", 1, v1)], base: nil, topic: ["loan.activated", "loan.closed"])
        #expect(missing.problems.contains { $0.code == .eventTypeWithoutSchema && $0.message.contains("loan.closed") })
        let orphan = gate([("loan.activated", 1, v1)], base: nil, topic: ["loan.closed"])
        #expect(orphan.problems.contains { $0.code == .schemaWithoutTopic })
    }

    @Test func lintFailuresFailTheGate() {
        var data = F.activatedData
        data["fee_amount"] = ["type": "number"]
        let bad = F.loanEvent("loan.activated", version: 1, data: data)
        let report = gate([("loan.activated", 1, bad)], base: nil)
        #expect(report.problems.contains {
            $0.code == .lint && $0.file == "Schemas/loan.activated/v1.json"
                && $0.message.contains("/properties/data/properties/fee_amount")
        }, "\(report)")
    }
}

extension SchemaGateTests {
    @Test func modeChangesAreLogged() {
        let v1 = EventSchemaFixtures.loanEvent("loan.activated", version: 1, data: EventSchemaFixtures.activatedData)
        let files = EventSchemaFixtures.files([("loan.activated", 1, v1)])
        let report = SchemaGate.check(schemaFiles: files, topicFiles: EventSchemaFixtures.topic(["loan.activated"], mode: "NONE"),
                                      baseFiles: files.merging(EventSchemaFixtures.topic(["loan.activated"])) { a, _ in a })
        #expect(report.passed)
        #expect(report.notes.contains { $0.contains("compatibility changed from BACKWARD_TRANSITIVE to NONE") }, "\(report)")
    }
}
