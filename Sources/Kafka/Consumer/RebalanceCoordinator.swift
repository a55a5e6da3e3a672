import CRdKafka
import Dispatch
import Synchronization

/// Handles librdkafka's rebalance callback for the eager and the cooperative protocol, asks the
/// application for start offsets, and queues the resulting events for ``KafkaConsumer/events``.
///
/// The callback runs on the consumer's blocking queue (inside `rd_kafka_consume_batch_queue` or
/// `rd_kafka_consumer_close`), never on Swift's cooperative pool, so it may block while the async handler runs.
final class RebalanceCoordinator: Sendable {
    private let handler: KafkaConsumer.RebalanceHandler
    private let validateOffsets: Bool
    private let properties: [String: String]
    private let pending = Mutex<(events: [KafkaConsumerEvent], error: KafkaError?)>(([], nil))

    /// Creates a coordinator.
    ///
    /// - Parameters:
    ///   - handler: The application's hooks.
    ///   - validateOffsets: Check handler-supplied offsets against the log (`auto.offset.reset=error`).
    ///   - properties: The consumer's librdkafka properties, for that check's connection.
    init(handler: KafkaConsumer.RebalanceHandler, validateOffsets: Bool, properties: [String: String]) {
        self.handler = handler
        self.validateOffsets = validateOffsets
        self.properties = properties
    }

    /// Takes the events (and a rebalance failure, if one happened) queued since the last call.
    func drain() -> (events: [KafkaConsumerEvent], error: KafkaError?) {
        pending.withLock { state in
            defer { state = ([], nil) }
            return state
        }
    }

    /// Reacts to one rebalance callback.
    func rebalance(_ rk: OpaquePointer, _ error: rd_kafka_resp_err_t,
                   _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        let list = RDKafkaTopicPartitionList(copying: partitions)
        let cooperative = String(cString: rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE"
        switch error {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            assign(rk, list, cooperative: cooperative)
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            let lost = rd_kafka_assignment_lost(rk) != 0
            let revoked = list.partitions
            if let onRevoke = handler.onRevoke {
                if case .failure(let failure) = Self.wait({ try await onRevoke(revoked, lost) }) {
                    // Revocation cannot be refused; record the failure so the application sees it.
                    fail(KafkaError(.rebalance, "revoke handler failed for \(revoked): \(failure)"))
                }
            }
            let unassignError: KafkaError? =
                cooperative
                ? list.withListPointer { rd_kafka_incremental_unassign(rk, $0) }
                    .map { KafkaError.consuming($0, context: "incremental unassign", default: .rebalance) }
                : Self.check(rd_kafka_assign(rk, nil), "unassign")
            if let unassignError { fail(unassignError) }
            pending.withLock { $0.events.append(.partitionsRevoked(revoked, lost: lost)) }
        default:
            _ = rd_kafka_assign(rk, nil)
            fail(.rdKafka(error, context: "rebalance", default: .rebalance))
        }
    }

    private func assign(_ rk: OpaquePointer, _ list: RDKafkaTopicPartitionList, cooperative: Bool) {
        let assigned = list.partitions
        if let onAssign = handler.onAssign {
            let validate = validateOffsets
            let properties = properties
            switch Self.wait({ try await onAssign(assigned) }).flatMap({ offsets in
                Result {
                    if validate { try StartOffsetGuard.check(rk, offsets, properties: properties, timeout: .seconds(10)) }
                }.map { offsets }
            }) {
            case .success(let offsets):
                list.setOffsets(offsets)
            case .failure(let failure):
                // Without the application's offsets we would start from the wrong place: assign nothing
                // and make the event sequence throw, so the consumer stops loudly.
                fail(KafkaError(.rebalance, "assignment handler failed for \(assigned): \(failure)"))
                return
            }
        }
        let assignError: KafkaError? =
            cooperative
            ? list.withListPointer { rd_kafka_incremental_assign(rk, $0) }
                .map { KafkaError.consuming($0, context: "incremental assign", default: .rebalance) }
            : list.withListPointer { Self.check(rd_kafka_assign(rk, $0), "assign") }
        if let assignError {
            fail(assignError)
            return
        }
        pending.withLock { $0.events.append(.partitionsAssigned(assigned)) }
    }

    private func fail(_ error: KafkaError) {
        pending.withLock { state in
            if state.error == nil { state.error = error }
        }
    }

    private static func check(_ error: rd_kafka_resp_err_t, _ context: String) -> KafkaError? {
        error == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : .rdKafka(error, context: context, default: .rebalance)
    }

    /// Runs an async handler to completion from the (blocking) callback thread.
    ///
    /// The unstructured task is the bridge from librdkafka's synchronous callback to the application's
    /// async handler; the callback thread waits on a semaphore, which is fine because it is the consumer's
    /// own dispatch queue, not a cooperative-pool thread.
    private static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> Result<T, any Error> {
        let semaphore = DispatchSemaphore(value: 0)
        let result = Mutex<Result<T, any Error>?>(nil)
        Task {
            let outcome: Result<T, any Error>
            do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
            result.withLock { $0 = outcome }
            semaphore.signal()
        }
        semaphore.wait()
        return result.withLock { $0! }
    }
}

/// librdkafka's rebalance callback: forwards to the consumer's ``RebalanceCoordinator``.
let rebalanceCallback: @convention(c) (
    OpaquePointer?, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, UnsafeMutableRawPointer?
) -> Void = { rk, error, partitions, opaque in
    guard let rk, let partitions, let coordinator = RDKafkaCallbackContext.from(opaque: opaque)?.rebalance else { return }
    coordinator.rebalance(rk, error, partitions)
}
