import EventSchemas

/// Builds event schemas that follow docs/EVENTS.md, for registry, lint and gate tests.
enum EventSchemaFixtures {
    static let uuid: JSONValue = ["type": "string", "format": "uuid"]
    static let money: JSONValue = [
        "type": "object", "additionalProperties": false, "required": ["amount", "currency"],
        "properties": ["amount": ["type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"],
                       "currency": ["type": "string", "pattern": "^[A-Z]{3}$"]],
    ]

    /// A loan event schema with the given `data` properties (all listed in `required`).
    static func loanEvent(_ eventType: String, version: Int, data: [String: JSONValue],
                          required: [String]? = nil) -> JSONValue {
        let dataRequired = (required ?? data.keys.sorted()).map { JSONValue.string($0) }
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": .string("https://loanstream.example/schemas/\(eventType)/v\(version).json"),
            "title": .string("\(eventType) v\(version)"),
            "type": "object",
            "additionalProperties": false,
            "required": ["event_id", "event_type", "schema_version", "loan_id", "version",
                         "occurred_at", "effective_at", "metadata", "data"],
            "properties": [
                "event_id": uuid,
                "event_type": ["const": .string(eventType)],
                "schema_version": ["const": .number(JSONNumber(version))],
                "loan_id": uuid,
                "version": ["type": "integer", "minimum": 1],
                "occurred_at": ["type": "string", "format": "date-time"],
                "effective_at": ["type": "string", "format": "date-time"],
                "metadata": [
                    "type": "object", "additionalProperties": false, "required": ["trace_id", "idempotency_key"],
                    "properties": ["trace_id": ["type": "string", "pattern": "^[0-9a-f]{32}$"],
                                   "idempotency_key": ["type": "string"]],
                ],
                "data": ["type": "object", "additionalProperties": false,
                         "required": .array(dataRequired), "properties": .object(data)],
            ],
        ]
    }

    /// `loan.activated` v1: principal and rate.
    static let activatedData: [String: JSONValue] = [
        "principal": money,
        "rate_bps": ["type": "number"],
        "product_code": ["type": "string"],
    ]

    /// One events topic carrying the given types.
    static func topic(_ eventTypes: [String], mode: String = "BACKWARD_TRANSITIVE") -> [String: String] {
        let topic: JSONValue = [
            "name": "lending.loan-events", "kind": "events", "description": "loan events", "partitions": 12,
            "replication_factor": 3, "min_insync_replicas": 2, "cleanup_policy": "delete", "retention_ms": .null,
            "key": "loan_id", "event_types": .array(eventTypes.map { .string($0) }), "compatibility": .string(mode),
        ]
        return ["Topics/lending.loan-events.json": topic.serialized()]
    }

    static func files(_ schemas: [(String, Int, JSONValue)]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: schemas.map { ("Schemas/\($0.0)/v\($0.1).json", $0.2.serialized()) })
    }
}
