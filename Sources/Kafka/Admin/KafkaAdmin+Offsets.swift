import CRdKafka

extension KafkaAdmin {
    /// The offsets a consumer group has committed (ListConsumerGroupOffsets / OffsetFetch).
    ///
    /// - Parameters:
    ///   - group: The group id.
    ///   - partitions: The partitions to ask about.
    /// - Returns: For each partition, the committed offset (the next message the group will read), or
    ///   `nil` if the group has committed nothing for it.
    /// - Throws: ``KafkaError`` if the request fails.
    public func committedOffsets(
        group: String, partitions: [KafkaTopicPartition]
    ) async throws -> [KafkaTopicPartition: Int64?] {
        let client = client
        let timeout = timeout
        return try await blocking.run {
            try client.withHandle { rk in
                let list = RDKafkaTopicPartitionList(partitions)
                var requests: [OpaquePointer?] = [list.withListPointer { rd_kafka_ListConsumerGroupOffsets_new(group, $0) }]
                defer { rd_kafka_ListConsumerGroupOffsets_destroy_array(&requests, requests.count) }
                return try RDKafkaAdminRequest.perform(
                    rk, operation: RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeout: timeout
                ) {
                    rd_kafka_ListConsumerGroupOffsets(rk, &requests, requests.count, $0, $1)
                } read: { event in
                    var count = 0
                    let groups = rd_kafka_ListConsumerGroupOffsets_result_groups(
                        rd_kafka_event_ListConsumerGroupOffsets_result(event), &count)
                    guard count == 1, let result = groups?[0] else {
                        throw KafkaError(.admin, "committed offsets of \(group): expected one group result, got \(count)")
                    }
                    if let error = rd_kafka_group_result_error(result) {
                        // Borrowed from the result: read it without destroying.
                        throw RDKafkaAdminRequest.itemError(
                            rd_kafka_error_code(error), rd_kafka_error_string(error), item: "committed offsets of \(group)")
                    }
                    guard let offsets = rd_kafka_group_result_partitions(result) else { return [:] }
                    let copied = RDKafkaTopicPartitionList(copying: UnsafeMutablePointer(mutating: offsets))
                    if let (partition, error) = copied.firstError {
                        throw KafkaError.rdKafka(error, context: "committed offset of \(partition) for \(group)", default: .admin)
                    }
                    var committed: [KafkaTopicPartition: Int64?] = [:]
                    for element in copied.elements {
                        committed[element.topicPartition] = element.offset >= 0 ? element.offset : nil
                    }
                    return committed
                }
            }
        }
    }
}
