import Foundation

/// Runs librdkafka's own benchmark client, `rdkafka_performance`, and reads its rate.
struct CClientRunner: Sendable {
    let settings: KafkaBenchmarkSettings

    /// Produces `count` messages of `size` bytes to `topic` and returns its messages per second.
    func produce(topic: String, size: Int, count: Int) async throws -> Double {
        var arguments = [
            "-P", "-t", topic, "-b", settings.bootstrapServers, "-s", String(size), "-c", String(count), "-a", "-1", "-i", "10",
        ]
        for (name, value) in settings.producerProperties.sorted(by: { $0.key < $1.key }) { arguments += ["-X", "\(name)=\(value)"] }
        return try await rate(of: arguments, requiring: "\(count) delivered")
    }

    /// Consumes `count` messages from every partition of `topic` from the beginning; returns messages per second.
    func consume(topic: String, partitions: Int, count: Int) async throws -> Double {
        // Callback mode (no -B): batch mode waits its full 1 s timeout for the last, partial batch, which
        // would dominate short runs. -i 10 makes its clock tick every 10 ms instead of every second.
        var arguments = ["-C", "-t", topic, "-b", settings.bootstrapServers, "-o", "beginning", "-c", String(count), "-i", "10"]
        for partition in 0..<partitions { arguments += ["-p", String(partition)] }
        return try await rate(of: arguments, requiring: "\(count) messages")
    }

    /// Runs the client (off the cooperative pool: `waitUntilExit` blocks) and parses the last
    /// `… N msgs/s …` figure it prints.
    ///
    /// The exit status is not trusted: rdkafka_performance exits 1 when it merely had to retry a send on a
    /// full local queue. Completeness is checked instead: `requiredText` (e.g. "200000 delivered") must
    /// appear in its summary, and producer runs must report `0 failed` deliveries.
    private func rate(of arguments: [String], requiring requiredText: String) async throws -> Double {
        let executable = settings.cClientExecutable
        let output: (status: Int32, text: String) = try await BlockingExecutor(label: "rdkafka-performance").run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let summary = output.text.split(separator: "\n").last { $0.contains("msgs/s") }.map(String.init) ?? ""
        let complete = summary.contains(requiredText) && (!summary.contains("delivered") || summary.contains(" 0 failed"))
        guard complete, let rate = Self.lastRate(in: summary) else {
            throw KafkaError(.benchmark, """
                \(executable) \(arguments.joined(separator: " ")) exited \(output.status) without a rate: \
                \(output.text.suffix(600))
                """)
        }
        return rate
    }

    /// The number before the last `msgs/s` in `text` (rdkafka_performance's summary line).
    static func lastRate(in text: String) -> Double? {
        for line in text.split(separator: "\n").reversed() {
            guard let range = line.range(of: " msgs/s") else { continue }
            let number = line[..<range.lowerBound].split(separator: " ").last.map(String.init) ?? ""
            if let value = Double(number) { return value }
        }
        return nil
    }
}
