/// How a payload was validated by the tolerant reader.
public struct PayloadValidation: Sendable {
    /// Which schema the payload was checked against.
    public enum Basis: Sendable, Hashable {
        /// The version the writer named in the message headers.
        case writerVersion(Int)
        /// The newest known version with unknown properties ignored, because the writer's version
        /// was absent or unknown to this consumer. Count it in a metric; it is never a DLQ case.
        case newestIgnoringUnknownProperties(newest: Int, requested: Int?)
    }

    public var eventType: String
    public var basis: Basis
    /// Validation errors; empty when the payload is valid.
    public var errors: [ValidationError]

    public var isValid: Bool { errors.isEmpty }

    /// True when the consumer had to fall back to the relaxed newest schema.
    public var usedTolerantFallback: Bool {
        if case .newestIgnoringUnknownProperties = basis { return true }
        return false
    }
}

extension SchemaRegistry {
    /// Validates a payload as a tolerant reader.
    ///
    /// With the writer's version (from the `schema_version` header) known here, the payload is
    /// validated strictly against it. Otherwise it is validated against the newest version this
    /// consumer knows with unknown properties ignored, and the result says so.
    ///
    /// - Parameters:
    ///   - payload: the event JSON.
    ///   - eventType: the `event_type` header.
    ///   - writerVersion: the `schema_version` header, if present.
    ///   - maxErrors: the most errors to collect.
    /// - Returns: the errors and the basis used.
    /// - Throws: `SchemaRegistryError.unknownEventType` when no version of the type is known.
    public func validate(_ payload: JSONValue, eventType: String, writerVersion: Int?,
                         maxErrors: Int = 20) throws -> PayloadValidation {
        if let writerVersion, let entry = entry(eventType: eventType, version: writerVersion) {
            return PayloadValidation(eventType: eventType, basis: .writerVersion(writerVersion),
                                     errors: entry.strict.validate(payload, maxErrors: maxErrors))
        }
        guard let newest = versions(of: eventType).last, let entry = entry(eventType: eventType, version: newest) else {
            throw SchemaRegistryError(.unknownEventType, "no schema for event type \"\(eventType)\" in Schemas/")
        }
        return PayloadValidation(eventType: eventType,
                                 basis: .newestIgnoringUnknownProperties(newest: newest, requested: writerVersion),
                                 errors: entry.tolerant.validate(payload, maxErrors: maxErrors))
    }

    /// Validates strictly against one exact version (what `loanstream schemas validate --version` does).
    ///
    /// - Throws: `SchemaRegistryError` when the type or version is unknown.
    public func validate(_ payload: JSONValue, eventType: String, exactVersion: Int,
                         maxErrors: Int = 20) throws -> [ValidationError] {
        guard !versions(of: eventType).isEmpty else {
            throw SchemaRegistryError(.unknownEventType, "no schema for event type \"\(eventType)\" in Schemas/")
        }
        guard let entry = entry(eventType: eventType, version: exactVersion) else {
            throw SchemaRegistryError(.unknownVersion,
                                      "\(eventType) has versions \(versions(of: eventType).map { "v\($0)" }.joined(separator: ", ")), not v\(exactVersion)")
        }
        return entry.strict.validate(payload, maxErrors: maxErrors)
    }

    /// Whether `payload` is certainly valid against one exact version, proven in one pass over its
    /// bytes without parsing it into a tree (see ``CompiledSchema/proves(_:)``).
    ///
    /// - Returns: `false` for "not proven" (also for an unknown type or version): then call
    ///   ``validate(_:eventType:exactVersion:maxErrors:)`` for the verdict and the errors.
    public func proves(_ payload: String, eventType: String, exactVersion: Int) -> Bool {
        entry(eventType: eventType, version: exactVersion)?.strict.proves(payload) ?? false
    }

    /// ``proves(_:eventType:exactVersion:)`` for a payload given as bytes (see ``CompiledSchema/proves(utf8:)``).
    public func proves(utf8 payload: UnsafeBufferPointer<UInt8>, eventType: String, exactVersion: Int) -> Bool {
        entry(eventType: eventType, version: exactVersion)?.strict.proves(utf8: payload) ?? false
    }
}
