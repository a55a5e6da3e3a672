/// What the keywords evaluated so far at one instance location have covered, for
/// `unevaluatedProperties` and `unevaluatedItems`. Only collected when such a keyword is in play.
///
/// The sets are optional so that creating an empty value (done for every subschema call) is
/// free: no set storage is touched until something is recorded.
struct Annotations {
    /// Every property was evaluated (`additionalProperties` or `unevaluatedProperties` ran).
    var allProperties = false
    /// Properties evaluated by `properties`, `patternProperties` and in-place subschemas.
    private(set) var properties: Set<String>?
    /// Every item was evaluated (`items` after the prefix, or `unevaluatedItems` ran).
    var allItems = false
    /// Items `0..<itemPrefix` were evaluated by `prefixItems`.
    var itemPrefix = 0
    /// Items matched by `contains`.
    private(set) var items: Set<Int>?

    /// Records an evaluated property.
    mutating func insert(property name: String) {
        if properties == nil { properties = [name] } else { properties!.insert(name) }
    }

    /// Records an evaluated item.
    mutating func insert(item index: Int) {
        if items == nil { items = [index] } else { items!.insert(index) }
    }

    /// Adds another subschema's annotations.
    ///
    /// - Parameter other: Annotations of a valid subschema at the same instance location.
    mutating func merge(_ other: Annotations) {
        allProperties = allProperties || other.allProperties
        if let more = other.properties { properties = properties.map { $0.union(more) } ?? more }
        allItems = allItems || other.allItems
        itemPrefix = max(itemPrefix, other.itemPrefix)
        if let more = other.items { items = items.map { $0.union(more) } ?? more }
    }

    /// Whether property `name` has been evaluated.
    func covers(property name: String) -> Bool { allProperties || (properties?.contains(name) ?? false) }

    /// Whether item `index` has been evaluated.
    func covers(item index: Int) -> Bool { allItems || index < itemPrefix || (items?.contains(index) ?? false) }
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
