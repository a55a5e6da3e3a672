import CRdKafka
import Logging

/// State reachable from librdkafka's C callbacks through the client's opaque pointer.
///
/// C callbacks cannot capture Swift context, so each client gets one of these, retained by
/// ``RDKafkaClient`` for the handle's lifetime.
final class RDKafkaCallbackContext: Sendable {
    let logger: Logger
    let delivery: DeliveryRouter?
    let rebalance: RebalanceCoordinator?

    init(logger: Logger, delivery: DeliveryRouter? = nil, rebalance: RebalanceCoordinator? = nil) {
        self.logger = logger
        self.delivery = delivery
        self.rebalance = rebalance
    }

    /// Recovers the context from a client handle inside a callback.
    static func from(_ rk: OpaquePointer?) -> RDKafkaCallbackContext? {
        guard let rk, let opaque = rd_kafka_opaque(rk) else { return nil }
        return Unmanaged<RDKafkaCallbackContext>.fromOpaque(opaque).takeUnretainedValue()
    }

    /// Recovers the context from the opaque pointer argument of a callback.
    static func from(opaque: UnsafeMutableRawPointer?) -> RDKafkaCallbackContext? {
        guard let opaque else { return nil }
        return Unmanaged<RDKafkaCallbackContext>.fromOpaque(opaque).takeUnretainedValue()
    }
}

/// Forwards librdkafka's log lines (syslog levels) to swift-log.
let rdKafkaLogCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void = {
    rk, level, facility, message in
    guard let context = RDKafkaCallbackContext.from(rk) else { return }
    let logLevel: Logger.Level =
        switch level {
        case ...3: .error
        case 4: .warning
        case 5, 6: .info
        default: .debug
        }
    let facilityText = facility.map { String(cString: $0) } ?? "?"
    let text = message.map { String(cString: $0) } ?? ""
    context.logger.log(level: logLevel, "\(text)", metadata: ["librdkafka.facility": "\(facilityText)"])
}

/// Logs librdkafka's error events. Most are transient (a broker went away and will be retried); fatal
/// ones also fail every pending and future operation, which is where callers see them.
let rdKafkaErrorCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void = {
    rk, error, reason, opaque in
    guard let context = RDKafkaCallbackContext.from(opaque: opaque) else { return }
    let text = reason.map { String(cString: $0) } ?? ""
    let name = String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue: error)))
    let level: Logger.Level = error == RD_KAFKA_RESP_ERR__FATAL.rawValue ? .critical : .warning
    context.logger.log(level: level, "librdkafka error \(name): \(text)")
}
