import Hummingbird
import NIOCore

/// Public routes: `GET /healthz` and `GET /openapi.json`.
struct DocumentController<Context: RequestContext>: Sendable {
    let document: OpenAPIDocument

    func routes() -> RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        let bytes = document.bytes
        routes.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        routes.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        return routes
    }
}
