/// The kind of an incompatible change, a stable code named after Confluent Schema Registry's
/// `Difference.Type` (plus a few LoanStream additions, marked below).
public enum IncompatibilityKind: String, Sendable, Hashable, CaseIterable {
    case typeChanged = "TYPE_CHANGED"
    case typeNarrowed = "TYPE_NARROWED"
    /// LoanStream: the reader restricts a field to an `enum`/`const` the writer did not have.
    case enumAdded = "ENUM_ADDED"
    case enumArrayNarrowed = "ENUM_ARRAY_NARROWED"
    case maxLengthAdded = "MAX_LENGTH_ADDED"
    case maxLengthDecreased = "MAX_LENGTH_DECREASED"
    case minLengthAdded = "MIN_LENGTH_ADDED"
    case minLengthIncreased = "MIN_LENGTH_INCREASED"
    case patternAdded = "PATTERN_ADDED"
    case patternChanged = "PATTERN_CHANGED"
    /// LoanStream: our validator asserts `format`, so adding or changing one narrows the field.
    case formatAdded = "FORMAT_ADDED"
    /// LoanStream: see `formatAdded`.
    case formatChanged = "FORMAT_CHANGED"
    case maximumAdded = "MAXIMUM_ADDED"
    case maximumDecreased = "MAXIMUM_DECREASED"
    case minimumAdded = "MINIMUM_ADDED"
    case minimumIncreased = "MINIMUM_INCREASED"
    case exclusiveMaximumAdded = "EXCLUSIVE_MAXIMUM_ADDED"
    case exclusiveMaximumDecreased = "EXCLUSIVE_MAXIMUM_DECREASED"
    case exclusiveMinimumAdded = "EXCLUSIVE_MINIMUM_ADDED"
    case exclusiveMinimumIncreased = "EXCLUSIVE_MINIMUM_INCREASED"
    case multipleOfAdded = "MULTIPLE_OF_ADDED"
    case multipleOfExpanded = "MULTIPLE_OF_EXPANDED"
    case multipleOfChanged = "MULTIPLE_OF_CHANGED"
    case requiredAttributeAdded = "REQUIRED_ATTRIBUTE_ADDED"
    case maxPropertiesAdded = "MAX_PROPERTIES_ADDED"
    case maxPropertiesDecreased = "MAX_PROPERTIES_DECREASED"
    case minPropertiesAdded = "MIN_PROPERTIES_ADDED"
    case minPropertiesIncreased = "MIN_PROPERTIES_INCREASED"
    case additionalPropertiesNarrowed = "ADDITIONAL_PROPERTIES_NARROWED"
    case dependencyArrayAdded = "DEPENDENCY_ARRAY_ADDED"
    case dependencyArrayExtended = "DEPENDENCY_ARRAY_EXTENDED"
    case dependencySchemaAdded = "DEPENDENCY_SCHEMA_ADDED"
    case propertyAddedToOpenContentModel = "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"
    case requiredPropertyAddedToUnopenContentModel = "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL"
    case propertyRemovedFromClosedContentModel = "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"
    case propertyRemovedNotCoveredByPartiallyOpenContentModel =
        "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"
    case propertyAddedNotCoveredByPartiallyOpenContentModel =
        "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"
    case maxItemsAdded = "MAX_ITEMS_ADDED"
    case maxItemsDecreased = "MAX_ITEMS_DECREASED"
    case minItemsAdded = "MIN_ITEMS_ADDED"
    case minItemsIncreased = "MIN_ITEMS_INCREASED"
    case uniqueItemsAdded = "UNIQUE_ITEMS_ADDED"
    case additionalItemsRemoved = "ADDITIONAL_ITEMS_REMOVED"
    case additionalItemsNarrowed = "ADDITIONAL_ITEMS_NARROWED"
    case itemAddedToOpenContentModel = "ITEM_ADDED_TO_OPEN_CONTENT_MODEL"
    case itemRemovedFromClosedContentModel = "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL"
    case itemRemovedNotCoveredByPartiallyOpenContentModel = "ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"
    case itemAddedNotCoveredByPartiallyOpenContentModel = "ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"
    /// LoanStream: `contains` was added or changed on the reader side.
    case containsChanged = "CONTAINS_CHANGED"
    case combinedTypeChanged = "COMBINED_TYPE_CHANGED"
    case productTypeExtended = "PRODUCT_TYPE_EXTENDED"
    case sumTypeNarrowed = "SUM_TYPE_NARROWED"
    case combinedTypeSubschemasChanged = "COMBINED_TYPE_SUBSCHEMAS_CHANGED"
    case notTypeExtended = "NOT_TYPE_EXTENDED"
    /// LoanStream: `if`/`then`/`else` differ; the checker does not reason about conditionals.
    case conditionalChanged = "CONDITIONAL_CHANGED"

    /// What to do instead, in one sentence a developer can act on.
    public var remedy: String {
        switch self {
        case .propertyAddedToOpenContentModel:
            "Close the model with \"additionalProperties\": false (in a new event type version) so new optional fields are safe, or drop the field."
        case .requiredPropertyAddedToUnopenContentModel, .requiredAttributeAdded:
            "Make the field optional, or give it a \"default\" that consumers fill in; if it must be mandatory, version the event type (e.g. loan.activated.v2)."
        case .propertyRemovedFromClosedContentModel, .propertyRemovedNotCoveredByPartiallyOpenContentModel:
            "Keep the property (mark it deprecated and stop writing it), or version the event type (e.g. loan.activated.v2)."
        case .additionalPropertiesNarrowed:
            "Closing an open model is a breaking change: version the event type (e.g. loan.activated.v2) and close the model there."
        case .typeNarrowed, .typeChanged, .combinedTypeChanged, .combinedTypeSubschemasChanged, .sumTypeNarrowed,
             .productTypeExtended, .notTypeExtended:
            "Keep the old type (widening, e.g. integer to number, is fine); to change it, add a new field or version the event type (e.g. loan.activated.v2)."
        default:
            "Relax the constraint back to what the previous version allowed, or version the event type (e.g. loan.activated.v2)."
        }
    }
}
