import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP/1.1 keep-alive connection carrying one request at a time: `bench commands`' load generator.
///
/// A load generator should cost the machine as little as it can, since on a small machine its CPU
/// time is taken from the server it measures (as `wrk` and pgbench do). AsyncHTTPClient's pooling,
/// redirects and per-request state machine cost about a tenth of the process's CPU at one request
/// in flight; this is a bare codec and a promise per request.
final class KeepAliveConnection: Sendable {
    /// A reply: its status and whole body.
    struct Reply: Sendable {
        var status: HTTPResponseStatus
        var body: ByteBuffer
    }

    private let channel: any Channel
    private let host: String

    private init(channel: any Channel, host: String) {
        self.channel = channel
        self.host = host
    }

    /// Opens a connection to `host:port` (numeric loopback address in the benchmarks).
    static func connect(host: String, port: Int, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws
        -> KeepAliveConnection {
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ExchangeHandler())
                }
            }
            .connect(host: host, port: port).get()
        return KeepAliveConnection(channel: channel, host: "\(host):\(port)")
    }

    /// Sends one request and waits for its whole reply.
    ///
    /// - Parameters:
    ///   - method: the method.
    ///   - path: the target (path and query).
    ///   - headers: headers besides `Host` and `Content-Length`.
    ///   - body: the body, if any.
    func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)], body: ByteBuffer?) async throws -> Reply {
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
        head.headers.add(name: "Host", value: host)
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        head.headers.add(name: "Content-Length", value: String(body?.readableBytes ?? 0))
        let promise = channel.eventLoop.makePromise(of: Reply.self)
        channel.writeAndFlush(Exchange(head: head, body: body, reply: promise), promise: nil)
        return try await promise.futureResult.get()
    }

    func close() async {
        try? await channel.close().get()
    }
}

/// A request on its way down the pipeline, with the promise its reply fulfils.
private struct Exchange: Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer?
    var reply: EventLoopPromise<KeepAliveConnection.Reply>
}

/// Writes each `Exchange` as HTTP parts and fulfils its promise when the response ends.
private final class ExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = Exchange
    typealias OutboundOut = HTTPClientRequestPart

    private var pending: EventLoopPromise<KeepAliveConnection.Reply>?
    private var status: HTTPResponseStatus = .ok
    private var body = ByteBuffer()

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        guard pending == nil else {
            exchange.reply.fail(ChannelError.inappropriateOperationForState)
            return
        }
        pending = exchange.reply
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if let body = exchange.body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.write(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = head.status
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            let reply = pending
            pending = nil
            reply?.succeed(.init(status: status, body: body))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        pending?.fail(error)
        pending = nil
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        pending?.fail(ChannelError.ioOnClosedChannel)
        pending = nil
        context.fireChannelInactive()
    }
}
