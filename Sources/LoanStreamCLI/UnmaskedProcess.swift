#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HTTPAPI

/// Runs a program with an empty signal mask, its output sent to files.
///
/// Foundation's `Process` passes on the parent's signal mask, and the Swift runtime's threads
/// block SIGALRM; pgbench ends a `-T` run on SIGALRM, so under `Process` it never stops.
enum UnmaskedProcess {
    /// Spawns `executable` with `arguments` and `environment`, waits for it off the cooperative pool.
    ///
    /// - Parameters:
    ///   - executable: the program's path.
    ///   - arguments: argv after argv[0].
    ///   - environment: the whole environment.
    ///   - standardOutput: file that receives stdout.
    ///   - standardError: file that receives stderr.
    /// - Returns: the exit status (128 + signal when it was killed).
    /// - Throws: ``BenchmarkError`` when the program cannot be spawned.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    standardOutput: String, standardError: String) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try spawnAndWait(executable, arguments, environment, standardOutput, standardError) })
            }
        }
    }

    private static func spawnAndWait(_ executable: String, _ arguments: [String], _ environment: [String: String],
                                     _ standardOutput: String, _ standardError: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw BenchmarkError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
