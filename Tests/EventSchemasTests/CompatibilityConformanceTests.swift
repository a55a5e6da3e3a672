import EventSchemas
import Testing

/// Agreement with Karapace's JSON Schema compatibility cases (reader = new, writer = old, BACKWARD).
@Suite struct CompatibilityConformanceTests {
    private static let corpusFile = "karapace-jsonschema-compat/karapace-jsonschema-compat-cases.json"

    @Test func agreesWithKarapaceOnAtLeast95Percent() throws {
        let cases = try JSONValue(parsing: Array(CompatibilityCorpus.read(Self.corpusFile))).arrayValue ?? []
        #expect(cases.count == 321, "the corpus should hold 321 cases")
        var agreed = 0
        var explained: [String] = []
        var unexplained: [String] = []
        for (index, item) in cases.enumerated() {
            guard let reader = item["reader"], let writer = item["writer"],
                  case .bool(let expected)? = item["compatible"] else {
                Issue.record("case \(index) is malformed")
                continue
            }
            let found = try SchemaCompatibility.incompatibilities(reader: reader, writer: writer)
            if found.isEmpty == expected {
                agreed += 1
                continue
            }
            let line = "#\(index) \(item["test"]?.stringValue ?? "?"): Karapace says \(expected ? "compatible" : "incompatible"); "
                + "we say \(found.isEmpty ? "compatible" : found.map(\.kind.rawValue).joined(separator: ", "))"
                + "\n    reader \(reader.serialized())\n    writer \(writer.serialized())"
            if let rule = KarapaceDisagreements.rule(for: reader, writer) {
                explained.append(line + "\n    rule we follow: \(rule)")
            } else {
                unexplained.append(line)
            }
        }
        let percent = Double(agreed) * 100 / Double(max(cases.count, 1))
        print("Karapace JSON Schema compatibility: \(agreed)/\(cases.count) agree (\(String(format: "%.1f", percent)) %)")
        for line in explained { print("  documented disagreement " + line) }
        for line in unexplained { print("  UNEXPLAINED disagreement " + line) }
        #expect(percent >= 95, "agreement \(agreed)/\(cases.count) is under 95 %")
        #expect(unexplained.isEmpty, "\(unexplained.count) disagreements have no documented rule")
    }
}
