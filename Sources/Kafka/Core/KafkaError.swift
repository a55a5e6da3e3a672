import CRdKafka

/// The one error type of the Kafka module.
///
/// Carries a stable ``Code`` for callers to switch on, a human ``reason``, the librdkafka error
/// (name and number) when one was involved, and where in our code the error was raised.
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New codes may be added; switch with a `default`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Sendable {
            case configuration, clientCreation, broker, deliveryFailed, timedOut, closed
            case offsetOutOfRange, rebalance, admin, topicDiffers, fatal, benchmark
        }
        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// A configuration property was rejected by librdkafka.
        public static let configuration = Code(.configuration)
        /// librdkafka could not create the client handle.
        public static let clientCreation = Code(.clientCreation)
        /// A broker or protocol error that does not fit a more specific code.
        public static let broker = Code(.broker)
        /// A produced message was not delivered (its delivery report carried an error).
        public static let deliveryFailed = Code(.deliveryFailed)
        /// An operation did not finish within its timeout.
        public static let timedOut = Code(.timedOut)
        /// The client was already closed.
        public static let closed = Code(.closed)
        /// A consumer's start offset is outside the log and `auto.offset.reset` is `error`.
        public static let offsetOutOfRange = Code(.offsetOutOfRange)
        /// A rebalance could not be completed (e.g. the assignment handler threw).
        public static let rebalance = Code(.rebalance)
        /// An admin request failed.
        public static let admin = Code(.admin)
        /// An existing topic does not match its desired specification.
        public static let topicDiffers = Code(.topicDiffers)
        /// librdkafka raised a fatal error; the client instance is unusable and must be recreated.
        public static let fatal = Code(.fatal)
        /// A benchmark run could not be completed.
        public static let benchmark = Code(.benchmark)

        public var description: String { backing.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// A human explanation, including librdkafka's own message where there is one.
    public let reason: String
    /// librdkafka's symbolic error name (e.g. `"_AUTO_OFFSET_RESET"`, `"NOT_ENOUGH_REPLICAS"`), if any.
    public let librdkafkaErrorName: String?
    /// librdkafka's numeric `rd_kafka_resp_err_t`, if any (negative values are client-local errors).
    public let librdkafkaErrorNumber: Int32?
    /// The source file that raised the error.
    public let file: String
    /// The source line that raised the error.
    public let line: Int

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - reason: A human explanation.
    ///   - file: The raising file; defaults to the caller's.
    ///   - line: The raising line; defaults to the caller's.
    public init(_ code: Code, _ reason: String, file: String = #fileID, line: Int = #line) {
        self.init(code: code, reason: reason, errorName: nil, errorNumber: nil, file: file, line: line)
    }

    init(code: Code, reason: String, errorName: String?, errorNumber: Int32?, file: String, line: Int) {
        self.code = code
        self.reason = reason
        self.librdkafkaErrorName = errorName
        self.librdkafkaErrorNumber = errorNumber
        self.file = file
        self.line = line
    }

    public var description: String {
        let rd = librdkafkaErrorName.map { " [\($0)]" } ?? ""
        return "KafkaError.\(code)\(rd): \(reason) (\(file):\(line))"
    }
}

extension KafkaError {
    /// Wraps a librdkafka response error, choosing the code from the error number.
    ///
    /// - Parameters:
    ///   - error: librdkafka's error number.
    ///   - context: What we were doing, prefixed to librdkafka's message.
    ///   - code: The code to use when the error has no more specific one.
    static func rdKafka(
        _ error: rd_kafka_resp_err_t, context: String, default code: Code = .broker,
        file: String = #fileID, line: Int = #line
    ) -> KafkaError {
        let specific: Code
        switch error {
        case RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET, RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE: specific = .offsetOutOfRange
        case RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
            specific = .timedOut
        case RD_KAFKA_RESP_ERR__FATAL: specific = .fatal
        case RD_KAFKA_RESP_ERR__DESTROY: specific = .closed
        default: specific = code
        }
        return KafkaError(
            code: specific,
            reason: "\(context): \(String(cString: rd_kafka_err2str(error)))",
            errorName: String(cString: rd_kafka_err2name(error)),
            errorNumber: error.rawValue,
            file: file, line: line)
    }

    /// Wraps and destroys a librdkafka `rd_kafka_error_t` object.
    static func consuming(
        _ error: OpaquePointer, context: String, default code: Code = .broker,
        file: String = #fileID, line: Int = #line
    ) -> KafkaError {
        defer { rd_kafka_error_destroy(error) }
        let number = rd_kafka_error_code(error)
        var wrapped = KafkaError.rdKafka(number, context: context, default: code, file: file, line: line)
        if rd_kafka_error_is_fatal(error) != 0 {
            wrapped = KafkaError(
                code: .fatal, reason: wrapped.reason, errorName: wrapped.librdkafkaErrorName,
                errorNumber: wrapped.librdkafkaErrorNumber, file: file, line: line)
        }
        return KafkaError(
            code: wrapped.code,
            reason: "\(context): \(String(cString: rd_kafka_error_string(error)))",
            errorName: wrapped.librdkafkaErrorName, errorNumber: wrapped.librdkafkaErrorNumber,
            file: file, line: line)
    }
}
