/// Object rules: open, closed and partially open content models, `required`, dependencies.
extension CompatibilityChecker {
    /// How an object schema treats properties it does not name.
    struct ContentModel {
        let view: SchemaView
        var properties: [String: JSONValue] { view.object("properties") ?? [:] }
        var patterns: [String: JSONValue] { view.object("patternProperties") ?? [:] }
        /// `additionalProperties`, or `unevaluatedProperties` when only that closes the model.
        var additional: JSONValue? { view["additionalProperties"] ?? view["unevaluatedProperties"] }
        var required: Set<String> { view.stringSet("required") }

        /// Open: anything not named is accepted unchecked.
        var isOpen: Bool { patterns.isEmpty && additional.map { SchemaView($0).acceptsEverything } ?? true }

        /// The schema an unnamed property `name` is validated with; nil when nothing constrains it.
        func schema(forUnnamed name: String) -> JSONValue? {
            for (pattern, schema) in patterns.sorted(by: { $0.key < $1.key }) where Self.matches(pattern, name) {
                return schema
            }
            return additional
        }

        /// ECMA-262 `pattern` semantics are a search, not a full match.
        private static func matches(_ pattern: String, _ name: String) -> Bool {
            guard let regex = try? Regex(pattern) else { return false }
            return name.contains(regex)
        }
    }

    func compareObjects(_ readerView: SchemaView, _ writerView: SchemaView,
                        at path: [String]) throws -> [Incompatibility] {
        let readerModel = ContentModel(view: readerView)
        let writerModel = ContentModel(view: writerView)
        let propertiesPath = path + ["properties"]
        var found: [Incompatibility] = []

        for (name, readerProperty) in readerModel.properties.sorted(by: { $0.key < $1.key }) {
            if let writerProperty = writerModel.properties[name] {
                found += try compare(readerProperty, writerProperty, at: propertiesPath + [name])
            } else {
                found += try compareAddedProperty(name, readerProperty, isRequired: readerModel.required.contains(name),
                                                  writerModel, at: propertiesPath + [name])
            }
        }
        for (name, writerProperty) in writerModel.properties.sorted(by: { $0.key < $1.key })
        where readerModel.properties[name] == nil {
            found += try compareRemovedProperty(name, writerProperty, readerModel, at: propertiesPath + [name])
        }
        for name in readerModel.required.subtracting(writerModel.required).sorted()
        where writerModel.properties[name] != nil || readerModel.properties[name] == nil {
            // A newly required property that the writer declared (or that nobody declares).
            guard !Self.hasDefault(readerModel.properties[name]) else { continue }
            found.append(Incompatibility(.requiredAttributeAdded, at: propertiesPath + [name],
                                         "\(roles.reader) makes `\(name)` required but \(roles.writer) did not, so events written with it may lack `\(name)`."))
        }
        found += try compareAdditional(readerModel, writerModel, at: path)
        found += try compareDependencies(readerView, writerView, at: path)
        found += compareObjectBounds(readerView, writerView, at: path)
        return found
    }

    /// A property the reader names and the writer does not.
    private func compareAddedProperty(_ name: String, _ readerProperty: JSONValue, isRequired: Bool,
                                      _ writerModel: ContentModel, at path: [String]) throws -> [Incompatibility] {
        var found: [Incompatibility] = []
        let writerSchema = writerModel.isOpen ? nil : writerModel.schema(forUnnamed: name)
        if let writerSchema {
            if !SchemaView(writerSchema).isFalse {
                let inner = try compare(readerProperty, writerSchema, at: path)
                if let first = inner.first {
                    found.append(Incompatibility(.propertyAddedNotCoveredByPartiallyOpenContentModel, at: path,
                                                 "\(roles.writer) could already carry `\(name)` under its patternProperties/additionalProperties with values \(roles.reader) rejects (\(first.kind.rawValue))."))
                }
            }
        } else if !SchemaView(readerProperty).acceptsEverything {
            found.append(Incompatibility(.propertyAddedToOpenContentModel, at: path,
                                         "Adding `\(name)` to an open content model breaks compatibility: \(roles.writer) accepts any extra property, so old data may already carry `\(name)` with another type."))
        }
        if isRequired, !writerModel.required.contains(name), !Self.hasDefault(readerProperty) {
            found.append(Incompatibility(.requiredPropertyAddedToUnopenContentModel, at: path,
                                         "\(roles.reader) adds `\(name)` as a required property without a default; events written with \(roles.writer) do not have it."))
        }
        return found
    }

    /// A property the writer names and the reader does not.
    private func compareRemovedProperty(_ name: String, _ writerProperty: JSONValue, _ readerModel: ContentModel,
                                        at path: [String]) throws -> [Incompatibility] {
        guard !readerModel.isOpen, !SchemaView(writerProperty).isFalse else { return [] }
        guard let readerSchema = readerModel.schema(forUnnamed: name) else { return [] }
        if SchemaView(readerSchema).isFalse {
            return [Incompatibility(.propertyRemovedFromClosedContentModel, at: path,
                                    "`\(name)` is not in the closed content model of \(roles.reader), but events written with \(roles.writer) may carry it, so they no longer validate.")]
        }
        let inner = try compare(readerSchema, writerProperty, at: path)
        guard let first = inner.first else { return [] }
        return [Incompatibility(.propertyRemovedNotCoveredByPartiallyOpenContentModel, at: path,
                                "`\(name)` is not named by \(roles.reader), whose patternProperties/additionalProperties reject the values \(roles.writer) allows (\(first.kind.rawValue) at \(first.pointer)).")]
    }

    /// `additionalProperties` and `patternProperties` of the reader must accept what the writer's allow.
    private func compareAdditional(_ readerModel: ContentModel, _ writerModel: ContentModel,
                                   at path: [String]) throws -> [Incompatibility] {
        var found: [Incompatibility] = []
        let writerAdditional = writerModel.additional ?? .bool(true)
        if let readerAdditional = readerModel.additional, !SchemaView(readerAdditional).acceptsEverything,
           !SchemaView(writerAdditional).isFalse {
            let additionalPath = path + ["additionalProperties"]
            let narrowed = SchemaView(readerAdditional).isFalse
                ? true : !(try compare(readerAdditional, writerAdditional, at: additionalPath)).isEmpty
            if narrowed {
                found.append(Incompatibility(.additionalPropertiesNarrowed, at: additionalPath,
                                             "\(roles.reader) restricts additionalProperties where \(roles.writer) allowed extra properties, so old data with extra properties no longer validates."))
            }
        }
        for (pattern, readerSchema) in readerModel.patterns.sorted(by: { $0.key < $1.key }) {
            let writerSchema = writerModel.patterns[pattern] ?? writerAdditional
            guard !SchemaView(writerSchema).isFalse else { continue }
            let patternPath = path + ["patternProperties", pattern]
            if !(try compare(readerSchema, writerSchema, at: patternPath)).isEmpty {
                found.append(Incompatibility(.additionalPropertiesNarrowed, at: patternPath,
                                             "Properties matching \"\(pattern)\" are validated more strictly by \(roles.reader) than \(roles.writer) validated them."))
            }
        }
        return found
    }

    /// `dependentRequired`/`dependencies` arrays may not grow; `dependentSchemas` may not appear.
    private func compareDependencies(_ readerView: SchemaView, _ writerView: SchemaView,
                                     at path: [String]) throws -> [Incompatibility] {
        var found: [Incompatibility] = []
        let readerArrays = Self.dependencyArrays(readerView)
        let writerArrays = Self.dependencyArrays(writerView)
        for (name, needed) in readerArrays.sorted(by: { $0.key < $1.key }) {
            guard let writerNeeded = writerArrays[name] else {
                found.append(Incompatibility(.dependencyArrayAdded, at: path + ["dependentRequired", name],
                                             "\(roles.reader) requires \(needed.sorted()) whenever `\(name)` is present; \(roles.writer) did not."))
                continue
            }
            let extra = needed.subtracting(writerNeeded)
            if !extra.isEmpty {
                found.append(Incompatibility(.dependencyArrayExtended, at: path + ["dependentRequired", name],
                                             "\(roles.reader) additionally requires \(extra.sorted()) whenever `\(name)` is present."))
            }
        }
        let readerSchemas = Self.dependencySchemas(readerView)
        let writerSchemas = Self.dependencySchemas(writerView)
        for (name, readerSchema) in readerSchemas.sorted(by: { $0.key < $1.key }) {
            let schemaPath = path + ["dependentSchemas", name]
            guard let writerSchema = writerSchemas[name] else {
                found.append(Incompatibility(.dependencySchemaAdded, at: schemaPath,
                                             "\(roles.reader) adds a dependent schema for `\(name)` that old data was never checked against."))
                continue
            }
            found += try compare(readerSchema, writerSchema, at: schemaPath)
        }
        return found
    }

    static func hasDefault(_ schema: JSONValue?) -> Bool {
        schema.map { SchemaView($0).has("default") } ?? false
    }

    private static func dependencyArrays(_ view: SchemaView) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        let sources = [view.object("dependencies") ?? [:], view.object("dependentRequired") ?? [:]]
        for source in sources {
            for (name, value) in source {
                if let names = value.arrayValue { result[name, default: []].formUnion(names.compactMap(\.stringValue)) }
            }
        }
        return result
    }

    private static func dependencySchemas(_ view: SchemaView) -> [String: JSONValue] {
        var result = view.object("dependentSchemas") ?? [:]
        for (name, value) in view.object("dependencies") ?? [:] where value.arrayValue == nil {
            result[name] = value
        }
        return result
    }
}
