/// Array rules: lists vs tuples (`prefixItems`, or draft-7 `items: [...]` with `additionalItems`),
/// open and closed tuples, item schemas, bounds, `uniqueItems`, `contains`.
extension CompatibilityChecker {
    /// An array schema as a list (`tuple == nil`) or a tuple followed by `rest`.
    private struct ArrayShape {
        var tuple: [JSONValue]?
        var rest: JSONValue?
        var tupleKeyword: String

        init(_ view: SchemaView) {
            if let prefix = view.array("prefixItems") {
                tuple = prefix; rest = view["items"]; tupleKeyword = "prefixItems"
            } else if let items = view.array("items") {
                tuple = items; rest = view["additionalItems"]; tupleKeyword = "items"
            } else {
                tuple = nil; rest = view["items"]; tupleKeyword = "items"
            }
        }
    }

    func compareArrays(_ readerView: SchemaView, _ writerView: SchemaView,
                       at path: [String]) throws -> [Incompatibility] {
        let readerShape = ArrayShape(readerView)
        let writerShape = ArrayShape(writerView)
        var found: [Incompatibility]
        switch (readerShape.tuple, writerShape.tuple) {
        case let (readerTuple?, writerTuple?):
            found = try compareTuples(readerTuple, readerShape, writerTuple, writerShape, at: path)
        case (nil, nil):
            found = []
            if let readerItems = readerShape.rest, !SchemaView(readerItems).acceptsEverything {
                found += try compare(readerItems, writerShape.rest ?? .bool(true), at: path + ["items"])
            }
        default:
            return [Incompatibility(.typeChanged, at: path,
                                    "One of \(roles.reader) and \(roles.writer) describes a tuple (positional items) and the other a list; the same arrays do not validate under both.")]
        }
        found += compareArrayBounds(readerView, writerView, at: path)
        if readerView["uniqueItems"] == .bool(true), writerView["uniqueItems"] != .bool(true) {
            found.append(Incompatibility(.uniqueItemsAdded, at: path,
                                         "\(roles.reader) adds uniqueItems; arrays with repeated items that \(roles.writer) allowed no longer validate."))
        }
        let containsKeywords = ["contains", "minContains", "maxContains"]
        let readerContains = containsKeywords.map { readerView[$0] }
        if readerView.has("contains"), readerContains != containsKeywords.map({ writerView[$0] }) {
            found.append(Incompatibility(.containsChanged, at: path + ["contains"],
                                         "\(roles.reader) adds or changes `contains`; arrays \(roles.writer) allowed may lack a matching item."))
        }
        return found
    }

    private func compareTuples(_ readerTuple: [JSONValue], _ readerShape: ArrayShape,
                               _ writerTuple: [JSONValue], _ writerShape: ArrayShape,
                               at path: [String]) throws -> [Incompatibility] {
        var found: [Incompatibility] = []
        for index in 0..<min(readerTuple.count, writerTuple.count) {
            found += try compare(readerTuple[index], writerTuple[index],
                                 at: path + [readerShape.tupleKeyword, String(index)])
        }
        if writerTuple.count > readerTuple.count, let readerRest = readerShape.rest,
           !SchemaView(readerRest).acceptsEverything {
            let restPath = path + [readerShape.tupleKeyword == "prefixItems" ? "items" : "additionalItems"]
            if SchemaView(readerRest).isFalse {
                found.append(Incompatibility(.itemRemovedFromClosedContentModel, at: restPath,
                                             "\(roles.reader) closes the tuple after \(readerTuple.count) items; \(roles.writer) wrote up to \(writerTuple.count)."))
            } else {
                for index in readerTuple.count..<writerTuple.count
                where !(try compare(readerRest, writerTuple[index], at: restPath)).isEmpty {
                    found.append(Incompatibility(.itemRemovedNotCoveredByPartiallyOpenContentModel, at: restPath,
                                                 "Item \(index) written by \(roles.writer) is not accepted by \(roles.reader)'s remaining-items schema."))
                }
            }
        }
        if readerTuple.count > writerTuple.count {
            found += try compareAddedItems(readerTuple, readerShape, writerTuple.count, writerShape.rest, at: path)
        }
        if let readerRest = readerShape.rest, !SchemaView(readerRest).acceptsEverything {
            let writerRest = writerShape.rest ?? .bool(true)
            if !SchemaView(writerRest).isFalse {
                let restPath = path + [readerShape.tupleKeyword == "prefixItems" ? "items" : "additionalItems"]
                if SchemaView(readerRest).isFalse {
                    found.append(Incompatibility(.additionalItemsRemoved, at: restPath,
                                                 "\(roles.reader) no longer allows items beyond the tuple; \(roles.writer) did."))
                } else if !(try compare(readerRest, writerRest, at: restPath)).isEmpty {
                    found.append(Incompatibility(.additionalItemsNarrowed, at: restPath,
                                                 "\(roles.reader) validates items beyond the tuple more strictly than \(roles.writer)."))
                }
            }
        }
        return found
    }

    /// Tuple positions the reader names but the writer left to its remaining-items schema.
    private func compareAddedItems(_ readerTuple: [JSONValue], _ readerShape: ArrayShape, _ writerCount: Int,
                                   _ writerRest: JSONValue?, at path: [String]) throws -> [Incompatibility] {
        var found: [Incompatibility] = []
        for index in writerCount..<readerTuple.count {
            let itemPath = path + [readerShape.tupleKeyword, String(index)]
            guard !SchemaView(readerTuple[index]).acceptsEverything else { continue }
            guard let writerRest, !SchemaView(writerRest).acceptsEverything else {
                found.append(Incompatibility(.itemAddedToOpenContentModel, at: itemPath,
                                             "\(roles.reader) constrains item \(index), which \(roles.writer) left open, so old arrays may hold any value there."))
                continue
            }
            if !SchemaView(writerRest).isFalse, !(try compare(readerTuple[index], writerRest, at: itemPath)).isEmpty {
                found.append(Incompatibility(.itemAddedNotCoveredByPartiallyOpenContentModel, at: itemPath,
                                             "Item \(index) of \(roles.reader) rejects values \(roles.writer)'s remaining-items schema allowed."))
            }
        }
        return found
    }
}
