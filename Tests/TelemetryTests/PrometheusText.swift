/// Reads samples out of a Prometheus text exposition, for assertions.
enum PrometheusText {
    struct Sample: Equatable {
        var labels: [String: String]
        var value: Double
    }

    /// The samples of metric `name` whose labels include `label`.
    static func samples(_ text: String, name: String, label: (String, String)? = nil) -> [Sample] {
        text.split(separator: "\n").compactMap { line -> Sample? in
            guard !line.hasPrefix("#"), line.hasPrefix(name + "{") || line.hasPrefix(name + " ") else { return nil }
            var labels: [String: String] = [:]
            var rest = line.dropFirst(name.count)
            if rest.hasPrefix("{"), let close = rest.firstIndex(of: "}") {
                for pair in rest[rest.index(after: rest.startIndex)..<close].split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2 else { continue }
                    labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
                }
                rest = rest[rest.index(after: close)...]
            }
            guard let value = Double(rest.trimmingPrefix(" ")) else { return nil }
            if let label, labels[label.0] != label.1 { return nil }
            return Sample(labels: labels, value: value)
        }
    }
}
