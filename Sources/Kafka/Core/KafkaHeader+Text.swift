extension Sequence where Element == KafkaHeader {
    /// The value of the first header named `name` as UTF-8 text; `nil` when there is none or its value is null.
    public func text(named name: String) -> String? {
        guard let header = first(where: { $0.name == name }), let value = header.value else { return nil }
        return String(decoding: value, as: UTF8.self)
    }
}

extension KafkaMessage {
    /// The first header named `name` as UTF-8 text; `nil` when there is none or its value is null.
    public func headerText(_ name: String) -> String? { headers.text(named: name) }
}
