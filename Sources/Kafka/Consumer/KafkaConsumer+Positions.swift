import CRdKafka

extension KafkaConsumer {
    /// How ``KafkaConsumer/commit(_:mode:)`` waits.
    public enum CommitMode: Sendable {
        /// Wait until the group coordinator acknowledged the commit.
        case sync
        /// Send the commit and return; failures are logged by librdkafka.
        case async
    }

    /// Moves the read position of assigned partitions.
    ///
    /// - Parameters:
    ///   - offsets: Partitions (already assigned) and the offset of the next message to read from each.
    ///   - timeout: How long to wait for librdkafka to apply the seek.
    /// - Throws: ``KafkaError`` if a partition is not assigned or the seek fails, or with code
    ///   `offsetOutOfRange` if `auto.offset.reset` is `error` and an offset lies outside its partition's log.
    public func seek(_ offsets: [KafkaTopicPartition: KafkaOffset], timeout: Duration = .seconds(10)) async throws {
        let client = client
        let validate = configuration.autoOffsetReset == .error
        let properties = properties
        try await blocking.run {
            if validate {
                try client.withHandle { try StartOffsetGuard.check($0, offsets, properties: properties, timeout: timeout) }
            }
            let list = RDKafkaTopicPartitionList(offsets)
            if let error = client.withHandle({ rk in
                list.withListPointer { rd_kafka_seek_partitions(rk, $0, timeout.timeoutMilliseconds) }
            }) {
                throw KafkaError.consuming(error, context: "seek")
            }
            if let (partition, error) = list.firstError { throw KafkaError.rdKafka(error, context: "seek \(partition)") }
        }
    }

    /// Stops fetching from `partitions` until ``resume(_:)``; the assignment is kept.
    ///
    /// - Parameter partitions: Assigned partitions.
    /// - Throws: ``KafkaError`` if librdkafka refuses.
    public func pause(_ partitions: [KafkaTopicPartition]) async throws {
        try await setPaused(partitions, paused: true)
    }

    /// Resumes fetching from paused `partitions` where they left off.
    ///
    /// - Parameter partitions: Paused partitions.
    /// - Throws: ``KafkaError`` if librdkafka refuses.
    public func resume(_ partitions: [KafkaTopicPartition]) async throws {
        try await setPaused(partitions, paused: false)
    }

    private func setPaused(_ partitions: [KafkaTopicPartition], paused: Bool) async throws {
        let client = client
        try await blocking.run {
            let list = RDKafkaTopicPartitionList(partitions)
            let error = client.withHandle { rk in
                list.withListPointer { paused ? rd_kafka_pause_partitions(rk, $0) : rd_kafka_resume_partitions(rk, $0) }
            }
            let context = paused ? "pause" : "resume"
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError.rdKafka(error, context: context) }
            if let (partition, error) = list.firstError { throw KafkaError.rdKafka(error, context: "\(context) \(partition)") }
        }
    }

    /// Commits offsets to the consumer group.
    ///
    /// - Parameters:
    ///   - offsets: For each partition, the offset of the next message to read (last processed + 1);
    ///     `nil` commits the positions of everything returned by ``events`` so far.
    ///   - mode: Whether to wait for the coordinator's acknowledgement.
    /// - Throws: ``KafkaError`` if the commit fails (sync mode), or there is nothing to commit.
    public func commit(_ offsets: [KafkaTopicPartition: Int64]? = nil, mode: CommitMode = .sync) async throws {
        let client = client
        try await blocking.run {
            let list = offsets.map { RDKafkaTopicPartitionList($0.mapValues { KafkaOffset($0) }) }
            let error = client.withHandle { rk in
                if let list {
                    return list.withListPointer { rd_kafka_commit(rk, $0, mode == .async ? 1 : 0) }
                }
                return rd_kafka_commit(rk, nil, mode == .async ? 1 : 0)
            }
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError.rdKafka(error, context: "commit") }
            if let (partition, error) = list?.firstError { throw KafkaError.rdKafka(error, context: "commit \(partition)") }
        }
    }
}
