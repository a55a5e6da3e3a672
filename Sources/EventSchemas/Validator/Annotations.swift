/// What the keywords evaluated so far at one instance location have covered, for
/// `unevaluatedProperties` and `unevaluatedItems`. Only collected when such a keyword is in play.
struct Annotations {
    /// Every property was evaluated (`additionalProperties` or `unevaluatedProperties` ran).
    var allProperties = false
    /// Properties evaluated by `properties`, `patternProperties` and in-place subschemas.
    var properties: Set<String> = []
    /// Every item was evaluated (`items` after the prefix, or `unevaluatedItems` ran).
    var allItems = false
    /// Items `0..<itemPrefix` were evaluated by `prefixItems`.
    var itemPrefix = 0
    /// Items matched by `contains`.
    var items: Set<Int> = []

    /// Adds another subschema's annotations.
    ///
    /// - Parameter other: Annotations of a valid subschema at the same instance location.
    mutating func merge(_ other: Annotations) {
        allProperties = allProperties || other.allProperties
        if !other.properties.isEmpty { properties.formUnion(other.properties) }
        allItems = allItems || other.allItems
        itemPrefix = max(itemPrefix, other.itemPrefix)
        if !other.items.isEmpty { items.formUnion(other.items) }
    }

    /// Whether property `name` has been evaluated.
    func covers(property name: String) -> Bool { allProperties || properties.contains(name) }

    /// Whether item `index` has been evaluated.
    func covers(item index: Int) -> Bool { allItems || index < itemPrefix || items.contains(index) }
}

/// One step of an instance location.
enum PathToken {
    case key(String)
    case index(Int)

    var text: String {
        switch self {
        case .key(let key): key
        case .index(let index): String(index)
        }
    }
}
