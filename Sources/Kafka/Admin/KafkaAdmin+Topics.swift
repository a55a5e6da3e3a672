import CRdKafka
import Logging

extension KafkaAdmin {
    /// The outcome of ``createTopics(_:)`` for one spec.
    public enum TopicCreation: Hashable, Sendable {
        /// The topic did not exist and was created.
        case created
        /// The topic already existed and matches its spec.
        case alreadyExists
        /// The topic already existed but differs from its spec; it was left unchanged.
        case differs([TopicPlan.Difference])
    }

    /// Compares `specs` with the cluster (partitions, replication factor, and the configs each spec names).
    ///
    /// - Parameter specs: The desired topics.
    /// - Returns: What creating them would do.
    /// - Throws: ``KafkaError`` if the cluster cannot be described.
    public func plan(_ specs: [TopicSpec]) async throws -> TopicPlan {
        let existing = Dictionary(try await listTopics().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let present = specs.filter { existing[$0.name] != nil && !$0.configs.isEmpty }.map(\.name)
        let configs = present.isEmpty ? [:] : try await topicConfigs(present)
        return TopicPlan.diff(desired: specs, existing: existing, configs: configs)
    }

    /// Creates the topics that do not exist yet; never alters existing ones.
    ///
    /// Idempotent: running it again reports `alreadyExists`. A topic created concurrently by someone else
    /// is compared like any existing one.
    ///
    /// - Parameter specs: The desired topics.
    /// - Returns: One outcome per spec, keyed by topic name.
    /// - Throws: ``KafkaError`` if a creation fails for another reason than the topic already existing.
    public func createTopics(_ specs: [TopicSpec]) async throws -> [String: TopicCreation] {
        let initial = try await plan(specs)
        var outcomes: [String: TopicCreation] = [:]
        var toCreate: [TopicSpec] = []
        for entry in initial.entries {
            switch entry.change {
            case .create: toCreate.append(entry.spec)
            case .unchanged: outcomes[entry.spec.name] = .alreadyExists
            case .differs(let differences): outcomes[entry.spec.name] = .differs(differences)
            }
        }
        guard !toCreate.isEmpty else { return outcomes }
        let raced = try await create(toCreate)
        for spec in toCreate where !raced.contains(spec.name) { outcomes[spec.name] = .created }
        if !raced.isEmpty {
            for entry in try await self.plan(toCreate.filter { raced.contains($0.name) }).entries {
                switch entry.change {
                case .create, .unchanged: outcomes[entry.spec.name] = .alreadyExists
                case .differs(let differences): outcomes[entry.spec.name] = .differs(differences)
                }
            }
        }
        return outcomes
    }

    /// Deletes topics (tooling only; the catalog never deletes).
    ///
    /// Caution with librdkafka 2.8.0: other clients in the same process that still have the deleted topics in
    /// their metadata cache were seen to crash (a use-after-free, cf. upstream issues #4778/#4964); delete
    /// from a process that runs no producers or consumers.
    ///
    /// - Parameter names: Topic names; ones that do not exist are ignored.
    /// - Throws: ``KafkaError`` if the broker refuses a deletion.
    public func deleteTopics(_ names: [String]) async throws {
        let client = client
        let timeout = timeout
        try await blocking.run {
            try client.withHandle { rk in
                var requests: [OpaquePointer?] = names.map { rd_kafka_DeleteTopic_new($0) }
                defer { rd_kafka_DeleteTopic_destroy_array(&requests, requests.count) }
                try RDKafkaAdminRequest.perform(rk, operation: RD_KAFKA_ADMIN_OP_DELETETOPICS, timeout: timeout) {
                    rd_kafka_DeleteTopics(rk, &requests, requests.count, $0, $1)
                } read: { event in
                    var count = 0
                    let results = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event), &count)
                    for index in 0..<count {
                        let result = results![index]
                        let error = rd_kafka_topic_result_error(result)
                        guard error == RD_KAFKA_RESP_ERR_NO_ERROR || error == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART else {
                            throw RDKafkaAdminRequest.itemError(
                                error, rd_kafka_topic_result_error_string(result),
                                item: "delete topic \(String(cString: rd_kafka_topic_result_name(result)))")
                        }
                    }
                }
            }
        }
    }

    /// Deletes the fresh topics a benchmark or tool made for itself, logging a warning instead of throwing when
    /// that fails (the run's results stand either way). A broker that keeps topics in memory (the local Tansu)
    /// would otherwise grow with every run. Call it once every client of the process is closed (see
    /// ``deleteTopics(_:)``).
    ///
    /// - Parameters:
    ///   - names: Topic names.
    ///   - logger: Where a failure is reported.
    public func deleteScratchTopics(_ names: [String], logger: Logger) async {
        do { try await deleteTopics(names) } catch {
            logger.warning("could not delete the benchmark's topics", metadata: ["topics": "\(names)", "error": "\(error)"])
        }
    }

    /// Issues CreateTopics and returns the names that turned out to exist already.
    private func create(_ specs: [TopicSpec]) async throws -> Set<String> {
        let client = client
        let timeout = timeout
        return try await blocking.run {
            try client.withHandle { rk in
                var errorText = [CChar](repeating: 0, count: 512)
                var requests: [OpaquePointer?] = []
                defer { rd_kafka_NewTopic_destroy_array(&requests, requests.count) }
                for spec in specs {
                    guard let request = rd_kafka_NewTopic_new(
                        spec.name, Int32(clamping: spec.partitions), Int32(clamping: spec.replicationFactor),
                        &errorText, errorText.count)
                    else { throw KafkaError(.admin, "topic \(spec.name): \(RDKafkaConfig.string(errorText))") }
                    requests.append(request)
                    for (name, value) in spec.configs.sorted(by: { $0.key < $1.key }) {
                        let error = rd_kafka_NewTopic_set_config(request, name, value)
                        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                            throw KafkaError.rdKafka(error, context: "topic \(spec.name) config \(name)=\(value)", default: .admin)
                        }
                    }
                }
                return try RDKafkaAdminRequest.perform(rk, operation: RD_KAFKA_ADMIN_OP_CREATETOPICS, timeout: timeout) {
                    rd_kafka_CreateTopics(rk, &requests, requests.count, $0, $1)
                } read: { event in
                    var count = 0
                    let results = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count)
                    var existing: Set<String> = []
                    for index in 0..<count {
                        let result = results![index]
                        let name = String(cString: rd_kafka_topic_result_name(result))
                        switch rd_kafka_topic_result_error(result) {
                        case RD_KAFKA_RESP_ERR_NO_ERROR: continue
                        case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS: existing.insert(name)
                        case let error:
                            throw RDKafkaAdminRequest.itemError(
                                error, rd_kafka_topic_result_error_string(result), item: "create topic \(name)")
                        }
                    }
                    return existing
                }
            }
        }
    }
}
