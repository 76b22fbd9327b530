import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where the deployment tests find the built binaries and the harness scripts,
/// and how they run them: as child processes with a time limit, whose output
/// goes to files so that a chatty child never blocks on a full pipe.
enum DeploymentHarness {
    /// The package root: the nearest directory above this file with a Package.swift.
    static let packageRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/", !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory.deleteLastPathComponent()
        }
        return directory
    }()

    /// The bash scripts in Tests/e2e.
    static let scripts: URL = packageRoot.appendingPathComponent("Tests/e2e")

    /// The build products directory: the one holding the running test binary
    /// (`swift test` builds `inspectd` and `inspectctl` next to it).
    static let products: URL = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On Linux the test binary is `<products>/<package>PackageTests.xctest`;
        // inside a bundle directory (macOS layout) step out of it.
        while directory.path != "/", !FileManager.default.fileExists(atPath: directory.appendingPathComponent("inspectd").path) {
            if directory.pathExtension == "xctest" || directory.lastPathComponent == "Contents" || directory.lastPathComponent == "MacOS" {
                directory.deleteLastPathComponent()
            } else {
                break
            }
        }
        return directory
    }()

    /// The stand-in daemon and CLI that prove the harness on their own.
    static let standIn: URL = scripts.appendingPathComponent("standin")

    /// Whether the tests that need namespaces, mounts and cgroups can run.
    static let isRoot: Bool = getuid() == 0

    /// A fresh directory for one test's results, kept after the run for
    /// diagnosis (`<products>/e2e-results/NAME`; replaced on the next run).
    static func resultsDirectory(_ name: String) throws -> URL {
        let directory = products.appendingPathComponent("e2e-results/\(name)")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    struct Outcome: Sendable {
        var status: Int32
        var timedOut: Bool
        var standardOutput: String
        var standardError: String
    }

    /// Runs a script from Tests/e2e under bash. When `timeLimit` passes it is
    /// sent SIGTERM (the scripts tear their namespaces down on it) and, 20 s
    /// later, its process group SIGKILL (their sentinels clean up after that).
    static func runScript(_ script: String, _ arguments: [String], timeLimit: Duration) async throws -> Outcome {
        try await run("/bin/bash", [scripts.appendingPathComponent(script).path] + arguments, timeLimit: timeLimit)
    }

    static func run(_ executable: String, _ arguments: [String], timeLimit: Duration) async throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("inspectd-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path

        let pid = try spawn(executable, arguments, standardOutput: outPath, standardError: errPath)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeLimit)
        var timedOut = false
        var killDeadline: ContinuousClock.Instant?
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped == -1, errno != EINTR { throw SpawnError(description: "waitpid(\(pid)): errno \(errno)") }
            if !timedOut, clock.now >= deadline {
                timedOut = true
                kill(pid, SIGTERM)                         // the scripts tear down on SIGTERM
                killDeadline = clock.now.advanced(by: .seconds(20))
            }
            if let killDeadline, clock.now >= killDeadline {
                kill(-pid, SIGKILL)                        // its whole process group
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        // WIFEXITED/WEXITSTATUS/WTERMSIG are macros Swift does not import.
        let signal = status & 0x7f
        return Outcome(
            status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
            timedOut: timedOut,
            standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        )
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts a child in a process group of its own, with every signal at its
    /// default disposition and none blocked (whatever the test runner set),
    /// stdin from /dev/null and stdout/stderr to files. The caller reaps it with
    /// waitpid. Foundation's Process is not used: on Linux it learns that a
    /// child exited when a socket the child inherited closes
    /// (swift-corelibs-foundation issue 4795), so a descendant that outlives
    /// the child, such as systemd-ns.sh's sentinel, hides the exit for good.
    private static func spawn(_ executable: String, _ arguments: [String], standardOutput: String, standardError: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw SpawnError(description: "posix_spawn \(executable): error \(result)") }
        return pid
    }

    /// A text file the harness wrote, or "" when it is missing.
    static func read(_ directory: URL, _ name: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    /// `systemctl show` output (`KEY=VALUE` lines) as a dictionary.
    static func properties(_ directory: URL, _ name: String) -> [String: String] {
        var properties: [String: String] = [:]
        for line in read(directory, name + ".props").split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            properties[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return properties
    }

    /// The exit status a driver recorded in NAME.rc, or nil when it did not get there.
    static func status(_ directory: URL, _ name: String) -> Int? {
        Int(read(directory, name + ".rc").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `journalctl -o json` output: one object per line, every value kept as a
    /// string (binary or repeated fields, which journalctl prints as arrays, are
    /// left out: none of ours is either).
    static func journal(_ url: URL) -> [[String: String]] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object.compactMapValues { $0 as? String }
        }
    }

    /// Whether a JSON text is one object (what `inspectctl status --format json` prints).
    static func isJSONObject(_ text: String) -> Bool {
        guard let data = text.trimmingCharacters(in: .whitespacesAndNewlines).data(using: .utf8) else { return false }
        return (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
    }
}
