import CRdKafka

extension KafkaAdmin {
    /// The configuration values of topics (DescribeConfigs), defaults included.
    ///
    /// - Parameter names: Topic names.
    /// - Returns: Each topic's configuration by key.
    /// - Throws: ``KafkaError`` if the request or a topic's description fails.
    public func topicConfigs(_ names: [String]) async throws -> [String: [String: String]] {
        let client = client
        let timeout = timeout
        return try await blocking.run {
            try client.withHandle { rk in
                var resources: [OpaquePointer?] = names.map { rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, $0) }
                defer { rd_kafka_ConfigResource_destroy_array(&resources, resources.count) }
                return try RDKafkaAdminRequest.perform(rk, operation: RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeout: timeout) {
                    rd_kafka_DescribeConfigs(rk, &resources, resources.count, $0, $1)
                } read: { event in
                    var count = 0
                    let results = rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(event), &count)
                    var configs: [String: [String: String]] = [:]
                    for index in 0..<count {
                        let resource = results![index]
                        let name = String(cString: rd_kafka_ConfigResource_name(resource))
                        let error = rd_kafka_ConfigResource_error(resource)
                        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                            throw RDKafkaAdminRequest.itemError(
                                error, rd_kafka_ConfigResource_error_string(resource), item: "describe configs of \(name)")
                        }
                        var entryCount = 0
                        let entries = rd_kafka_ConfigResource_configs(resource, &entryCount)
                        var values: [String: String] = [:]
                        for entryIndex in 0..<entryCount {
                            let entry = entries![entryIndex]
                            guard let value = rd_kafka_ConfigEntry_value(entry) else { continue }
                            values[String(cString: rd_kafka_ConfigEntry_name(entry))] = String(cString: value)
                        }
                        configs[name] = values
                    }
                    return configs
                }
            }
        }
    }
}
