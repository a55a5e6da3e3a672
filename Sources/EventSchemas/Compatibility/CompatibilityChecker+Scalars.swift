/// Numeric, string and enum rules.
extension CompatibilityChecker {
    /// A bound keyword: adding it or moving it in the stricter direction breaks the reader.
    private struct Bound {
        var keyword: String
        var added: IncompatibilityKind
        var restricted: IncompatibilityKind
        /// Upper bounds tighten downwards, lower bounds upwards.
        var isUpper: Bool

        /// True when the reader's value is stricter than the writer's.
        func isStricter(_ readerValue: Double, _ writerValue: Double) -> Bool {
            isUpper ? readerValue < writerValue : readerValue > writerValue
        }
    }

    private static let numberBounds = [
        Bound(keyword: "maximum", added: .maximumAdded, restricted: .maximumDecreased, isUpper: true),
        Bound(keyword: "minimum", added: .minimumAdded, restricted: .minimumIncreased, isUpper: false),
        Bound(keyword: "exclusiveMaximum", added: .exclusiveMaximumAdded,
              restricted: .exclusiveMaximumDecreased, isUpper: true),
        Bound(keyword: "exclusiveMinimum", added: .exclusiveMinimumAdded,
              restricted: .exclusiveMinimumIncreased, isUpper: false),
    ]

    private static let stringBounds = [
        Bound(keyword: "maxLength", added: .maxLengthAdded, restricted: .maxLengthDecreased, isUpper: true),
        Bound(keyword: "minLength", added: .minLengthAdded, restricted: .minLengthIncreased, isUpper: false),
    ]

    private static let objectBounds = [
        Bound(keyword: "maxProperties", added: .maxPropertiesAdded, restricted: .maxPropertiesDecreased, isUpper: true),
        Bound(keyword: "minProperties", added: .minPropertiesAdded, restricted: .minPropertiesIncreased, isUpper: false),
    ]

    private static let arrayBounds = [
        Bound(keyword: "maxItems", added: .maxItemsAdded, restricted: .maxItemsDecreased, isUpper: true),
        Bound(keyword: "minItems", added: .minItemsAdded, restricted: .minItemsIncreased, isUpper: false),
    ]

    private func compareBounds(_ bounds: [Bound], _ readerView: SchemaView, _ writerView: SchemaView,
                               at path: [String]) -> [Incompatibility] {
        bounds.compactMap { bound in
            guard let readerValue = readerView.number(bound.keyword) else { return nil }
            guard let writerValue = writerView.number(bound.keyword) else {
                return Incompatibility(bound.added, at: path,
                                       "\(roles.reader) adds \(bound.keyword) \(Self.format(readerValue)); values \(roles.writer) allowed may exceed it.")
            }
            guard bound.isStricter(readerValue, writerValue) else { return nil }
            return Incompatibility(bound.restricted, at: path,
                                   "\(bound.keyword) tightens from \(Self.format(writerValue)) in \(roles.writer) to \(Self.format(readerValue)) in \(roles.reader); values in between no longer validate.")
        }
    }

    func compareObjectBounds(_ readerView: SchemaView, _ writerView: SchemaView, at path: [String]) -> [Incompatibility] {
        compareBounds(Self.objectBounds, readerView, writerView, at: path)
    }

    func compareArrayBounds(_ readerView: SchemaView, _ writerView: SchemaView, at path: [String]) -> [Incompatibility] {
        compareBounds(Self.arrayBounds, readerView, writerView, at: path)
    }

    /// integer to number widens (fine); number to integer narrows; bounds and multipleOf may not tighten.
    func compareNumbers(_ readerView: SchemaView, _ writerView: SchemaView,
                        readerKind: InstanceKind, writerKind: InstanceKind, at path: [String]) -> [Incompatibility] {
        var found = compareBounds(Self.numberBounds, readerView, writerView, at: path)
        if let readerMultiple = readerView.number("multipleOf"), readerMultiple > 0 {
            if let writerMultiple = writerView.number("multipleOf") {
                if readerMultiple > writerMultiple {
                    found.append(Incompatibility(.multipleOfExpanded, at: path,
                                                 "multipleOf grows from \(Self.format(writerMultiple)) to \(Self.format(readerMultiple)); some old values are no longer multiples."))
                } else if !Self.isWholeMultiple(writerMultiple, of: readerMultiple) {
                    found.append(Incompatibility(.multipleOfChanged, at: path,
                                                 "multipleOf \(Self.format(readerMultiple)) in \(roles.reader) does not divide \(Self.format(writerMultiple)) in \(roles.writer)."))
                }
            } else {
                found.append(Incompatibility(.multipleOfAdded, at: path,
                                             "\(roles.reader) adds multipleOf \(Self.format(readerMultiple)); values \(roles.writer) allowed may not be multiples."))
            }
        }
        if readerKind == .integer, writerKind == .number {
            found.append(Incompatibility(.typeNarrowed, at: path,
                                         "The type narrows from number in \(roles.writer) to integer in \(roles.reader); fractional values no longer validate."))
        }
        return found
    }

    /// Length bounds, `pattern` and (LoanStream) `format` may not be added or changed on the reader.
    func compareStrings(_ readerView: SchemaView, _ writerView: SchemaView, at path: [String]) -> [Incompatibility] {
        var found = compareBounds(Self.stringBounds, readerView, writerView, at: path)
        for (keyword, added, changed) in [("pattern", IncompatibilityKind.patternAdded, IncompatibilityKind.patternChanged),
                                          ("format", .formatAdded, .formatChanged)] {
            guard let readerValue = readerView.string(keyword) else { continue }
            if let writerValue = writerView.string(keyword) {
                if writerValue != readerValue {
                    found.append(Incompatibility(changed, at: path,
                                                 "\(keyword) changes from \"\(writerValue)\" to \"\(readerValue)\"; strings matching the old one may not match the new one."))
                }
            } else {
                found.append(Incompatibility(added, at: path,
                                             "\(roles.reader) adds \(keyword) \"\(readerValue)\"; strings \(roles.writer) allowed may not match it."))
            }
        }
        return found
    }

    /// The reader's enum must contain every value the writer may produce.
    func compareEnums(_ readerView: SchemaView, _ writerView: SchemaView, at path: [String]) -> [Incompatibility] {
        let readerValues = readerView.array("enum")
        let writerValues = writerView.array("enum")
        switch (readerValues, writerValues) {
        case let (readerValues?, writerValues?):
            let dropped = writerValues.filter { !readerValues.contains($0) }
            guard !dropped.isEmpty else { return [] }
            return [Incompatibility(.enumArrayNarrowed, at: path + ["enum"],
                                    "\(roles.reader) no longer accepts \(Self.list(dropped)), which \(roles.writer) allowed.")]
        case (_?, nil):
            return [Incompatibility(.enumAdded, at: path + ["enum"],
                                    "\(roles.reader) restricts the value to \(Self.list(readerValues ?? [])) where \(roles.writer) allowed any \(Self.kind(of: writerView).rawValue).")]
        case (nil, let writerValues?):
            let readerKind = Self.kind(of: readerView)
            let misfits = writerValues.filter { !readerKind.admits(InstanceKind(of: $0)) }
            guard !misfits.isEmpty else { return [] }
            return [Incompatibility(.typeChanged, at: path,
                                    "\(roles.writer) allowed \(Self.list(misfits)), which is not a \(readerKind.rawValue) as \(roles.reader) requires.")]
        case (nil, nil):
            return []
        }
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    static func list(_ values: [JSONValue]) -> String {
        values.map { $0.serialized(sortedKeys: true) }.joined(separator: ", ")
    }

    private static func isWholeMultiple(_ value: Double, of divisor: Double) -> Bool {
        let quotient = value / divisor
        return abs(quotient - quotient.rounded()) < 1e-9
    }
}
