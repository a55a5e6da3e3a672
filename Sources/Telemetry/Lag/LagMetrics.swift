import Kafka

/// Publishes a ``LagSnapshot`` as gauges, in kafka-lag-exporter's names and labels so its Grafana
/// dashboards work unchanged:
///
/// - `kafka_consumergroup_group_offset{cluster_name,group,topic,partition}`: the group's offset (PostgreSQL
///   checkpoint first, else Kafka commit).
/// - `kafka_consumergroup_group_lag{…}` (messages) and `kafka_consumergroup_group_lag_seconds{…}` (age of
///   the first unconsumed message; 0 when caught up).
/// - `kafka_consumergroup_group_max_lag{cluster_name,group}`, `kafka_consumergroup_group_max_lag_seconds`,
///   `kafka_consumergroup_group_sum_lag`, and `kafka_consumergroup_group_topic_sum_lag{cluster_name,group,topic}`.
/// - `kafka_partition_latest_offset{cluster_name,topic,partition}` and `kafka_partition_earliest_offset`.
///
/// LoanStream additions:
/// - `loanstream_consumergroup_uncommitted{cluster_name,group,topic,partition} 1` for a partition the group
///   never committed: such a partition has no offset or lag series (rather than an astronomical lag).
/// - `loanstream_consumergroup_committed_offset{cluster_name,group,topic,partition,source}` with
///   `source="postgres"` or `"kafka"`: each source's raw offset.
struct LagMetrics: Sendable {
    let clusterName: String
    let gauges = GaugeSet()

    func publish(_ snapshot: LagSnapshot) {
        let cluster = ("cluster_name", clusterName)
        for (tp, marks) in snapshot.watermarks {
            let labels = [cluster, ("topic", tp.topic), ("partition", String(tp.partition))]
            gauges.set("kafka_partition_latest_offset", labels, Double(marks.high))
            gauges.set("kafka_partition_earliest_offset", labels, Double(marks.low))
        }
        var maxLag: [String: Int64] = [:]
        var maxSeconds: [String: Double] = [:]
        var sumLag: [String: Int64] = [:]
        var topicSum: [String: [String: Int64]] = [:]
        for row in snapshot.partitions {
            let labels = [cluster, ("group", row.group), ("topic", row.partition.topic), ("partition", String(row.partition.partition))]
            for (source, offset) in row.offsetsBySource {
                gauges.set("loanstream_consumergroup_committed_offset", labels + [("source", source.rawValue)], Double(offset))
            }
            guard let committed = row.committed, let lag = row.lag else {
                gauges.set("loanstream_consumergroup_uncommitted", labels, 1)
                continue
            }
            gauges.set("kafka_consumergroup_group_offset", labels, Double(committed))
            gauges.set("kafka_consumergroup_group_lag", labels, Double(lag))
            if let seconds = row.lagSeconds {
                gauges.set("kafka_consumergroup_group_lag_seconds", labels, seconds)
                maxSeconds[row.group] = max(maxSeconds[row.group] ?? 0, seconds)
            }
            maxLag[row.group] = max(maxLag[row.group] ?? 0, lag)
            sumLag[row.group, default: 0] += lag
            topicSum[row.group, default: [:]][row.partition.topic, default: 0] += lag
        }
        for (group, lag) in maxLag {
            let labels = [cluster, ("group", group)]
            gauges.set("kafka_consumergroup_group_max_lag", labels, Double(lag))
            gauges.set("kafka_consumergroup_group_sum_lag", labels, Double(sumLag[group] ?? 0))
            gauges.set("kafka_consumergroup_group_max_lag_seconds", labels, maxSeconds[group] ?? 0)
        }
        for (group, topics) in topicSum {
            for (topic, lag) in topics {
                gauges.set("kafka_consumergroup_group_topic_sum_lag", [cluster, ("group", group), ("topic", topic)], Double(lag))
            }
        }
        gauges.finishPoll()
    }
}
