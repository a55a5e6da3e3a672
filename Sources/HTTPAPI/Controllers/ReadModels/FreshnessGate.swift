import Foundation
import Hummingbird

/// Read-your-writes: `?min_version=N` makes a read wait (bounded) until the read model has
/// applied version N of the stream.
struct FreshnessGate: Sendable {
    let settings: ReadModelSettings

    /// Waits until `projected()` reports at least `minVersion`.
    ///
    /// - Parameters:
    ///   - minVersion: the version the client has seen written, or `nil` not to wait.
    ///   - projected: the version the read model is at (`nil`: it has not seen the stream).
    ///   - written: the version the event store is at (`nil`: no such stream).
    ///   - notFound: the problem for an unknown stream.
    /// - Throws: ``Problem`` 404 for a stream the event store does not have either, 400 for a
    ///   version the stream has not reached even on the write side, and 409 `not-ready` with
    ///   `Retry-After` when the read model is still behind after the wait. 409 rather than 503:
    ///   the server is healthy and the client's own precondition is not met yet; projector lag
    ///   has its own metric and must not look like a burst of server errors.
    func wait(for minVersion: Int?, projected: () async throws -> Int?, written: () async throws -> Int?,
              notFound: Problem) async throws {
        guard let minVersion else { return }
        if let version = try await projected(), version >= minVersion { return }
        guard let latest = try await written() else { throw notFound }
        guard latest >= minVersion else {
            throw Problem(type: .invalidParameter, status: .badRequest,
                          detail: "min_version \(minVersion) is beyond the stream's latest version \(latest).",
                          errors: [.init(pointer: "min_version", detail: "at most \(latest), the latest version written")])
        }
        let deadline = ContinuousClock.now + settings.minVersionWait
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: settings.pollInterval)
            if let version = try await projected(), version >= minVersion { return }
        }
        let seconds = max(1, Int((settings.minVersionWait.components.seconds)))
        var problem = Problem(type: .notReady, status: .conflict,
                              detail: "The read model has not reached version \(minVersion) yet (waited \(settings.minVersionWait)); retry shortly.",
                              code: "read_model_behind")
        problem.headers[.retryAfter] = String(seconds)
        throw problem
    }
}
