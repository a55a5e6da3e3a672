import EventSchemas

/// The request body schemas of the OpenAPI document, compiled once and shared by every request.
public struct RequestValidator: Sendable {
    private let schemas: [String: CompiledSchema]

    /// Compiles `components/schemas/<name>` for each name.
    ///
    /// - Parameters:
    ///   - document: the OpenAPI document.
    ///   - names: the request body components the routes use.
    /// - Throws: when a component is missing or does not compile (a bug in the document).
    public init(document: OpenAPIDocument, names: some Sequence<String>) throws {
        var schemas: [String: CompiledSchema] = [:]
        for name in names where schemas[name] == nil {
            schemas[name] = try document.compileSchema(named: name)
        }
        self.schemas = schemas
    }

    /// Validates a body against its component.
    ///
    /// - Parameters:
    ///   - body: the parsed body.
    ///   - name: the component's name.
    /// - Throws: ``Problem`` 422 `validation` listing the JSON pointer of every offending field;
    ///   ``OpenAPIDocumentError`` (a 500) when the route names a component that was not compiled.
    func validate(_ body: JSONValue, against name: String) throws {
        guard let schema = schemas[name] else {
            // The routes and the document are built together; reaching this is a wiring bug, not bad input.
            throw OpenAPIDocumentError(reason: "request schema \(name) was not compiled")
        }
        let errors = schema.validate(body, maxErrors: 20)
        guard !errors.isEmpty else { return }
        throw Problem(type: .validation, status: .unprocessableContent,
                      detail: "The request body does not match the \(name) schema: \(errors[0].message).",
                      errors: errors.map(RequestValidator.fieldError))
    }

    /// One validation error as a field error; a missing property points at the property itself.
    static func fieldError(_ error: ValidationError) -> Problem.FieldError {
        var pointer = error.instanceLocation
        let prefix = "missing required property \""
        if error.keywordLocation.tokens.last == "required", error.message.hasPrefix(prefix),
           let name = error.message.dropFirst(prefix.count).split(separator: "\"").first {
            pointer = pointer.appending(String(name))
        }
        return Problem.FieldError(pointer: pointer.tokens.isEmpty ? "" : pointer.description, detail: error.message)
    }
}
