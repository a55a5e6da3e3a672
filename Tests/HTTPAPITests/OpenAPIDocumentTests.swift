import EventSchemas
import HTTPAPI
import Lending
import Testing

/// The bundled document agrees with the domain it describes.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test func currenciesAreTheDomainsCurrencies() throws {
        let document = try OpenAPIDocument.bundled()
        let listed = document.value["components"]?["schemas"]?["Currency"]?["enum"]?.arrayValue?.compactMap(\.stringValue)
        #expect(listed == Currency.all.map(\.code))
    }

    @Test func everyRequestSchemaIsClosedAndCompiles() throws {
        let document = try OpenAPIDocument.bundled()
        let schemas = try #require(document.value["components"]?["schemas"]?.objectValue)
        let requests = schemas.keys.filter { $0.hasSuffix("Request") }.sorted()
        #expect(requests.count == 17)
        for name in requests {
            #expect(schemas[name]?["additionalProperties"] == .bool(false), "\(name)")
            let compiled = try document.compileSchema(named: name)
            #expect(!compiled.isValid(["unexpected_member": true]), "\(name) accepts an unknown member")
        }
    }
}
