import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs the real built binaries (`inspectd`, `inspectctl`) the way systemd and
/// operators do, and listens on a notification socket of its own.
enum DaemonHarness {
    /// The directory holding the built products (next to the test bundle).
    static let productsDirectory: URL = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("inspectd").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return executable.deletingLastPathComponent()
    }()

    static func binary(_ name: String) -> String {
        productsDirectory.appendingPathComponent(name).path
    }

    /// A fresh directory under /tmp (short, so socket paths fit in 108 bytes).
    static func scratchDirectory() throws -> String {
        var template = Array("/tmp/inspectd-e2e-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw HarnessError("mkdtemp failed") }
        return String(cString: made)
    }

    /// Writes a configuration that keeps everything inside `directory`.
    @discardableResult
    static func writeConfig(in directory: String, extra: String = "", logLevel: String = "info") throws -> String {
        let path = directory + "/inspectd.toml"
        let text = """
            [district]
            name = "测试区"

            [daemon]
            state_directory = "\(directory)"
            spool_directory = "\(directory)"
            socket_path = "\(directory)/inspectd.sock"
            log_level = "\(logLevel)"
            shutdown_grace_seconds = 5
            \(extra)

            [access]
            admin_groups = ["\(getgid())"]
            supervisor_groups = []

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs a binary to completion and returns its exit status and output.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // The tests read English tables whatever the caller's locale; a test that wants
        // another language or colour says so in `environment`.
        var inherited = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS", "NO_COLOR"] { inherited.removeValue(forKey: key) }
        inherited["LANG"] = "C.UTF-8"
        process.environment = inherited.merging(environment) { $1 }
        // Output goes to files, not pipes: a daemon started at the same time by
        // another test could inherit a pipe's write end and hold off its EOF.
        let out = try CapturedOutput()
        let err = try CapturedOutput()
        process.standardOutput = out.handle
        process.standardError = err.handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, out.text(), err.text())
    }

    /// Waits until `condition` holds, checking every 50 ms, for at most `seconds`.
    static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// An `AF_UNIX`/`SOCK_DGRAM` socket playing systemd's part for `sd_notify`.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private(set) var messages: [String] = []

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket failed") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw HarnessError("bind \(path) failed: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Reads every datagram that has arrived.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return }
            messages.append(String(decoding: buffer[0..<count], as: UTF8.self))
        }
    }

    /// Waits for a datagram with a line satisfying `predicate`; returns that datagram.
    func waitFor(seconds: Double, _ predicate: (String) -> Bool) -> String? {
        var found: String?
        _ = DaemonHarness.wait(seconds: seconds) {
            drain()
            found = messages.first { message in message.split(separator: "\n").contains { predicate(String($0)) } }
            return found != nil
        }
        return found
    }

    /// Forgets what has been read so far.
    func reset() {
        drain()
        messages.removeAll()
    }
}

/// A daemon process started in the background and stopped at the end.
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let stderrFile: CapturedOutput

    init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        stderrFile = try CapturedOutput()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "JOURNAL_STREAM"] {
            env.removeValue(forKey: key)
        }
        process.environment = env.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderrFile.handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for exit (at most `seconds`); nil if it is still running.
    func waitForExit(seconds: Double) -> Int32? {
        DaemonHarness.wait(seconds: seconds) { !process.isRunning } ? process.terminationStatus : nil
    }

    func stderrText() -> String {
        stderrFile.text()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// A temporary file that collects a child's output.
final class CapturedOutput: @unchecked Sendable {
    let path: String
    let handle: FileHandle

    init() throws {
        var template = Array("/tmp/inspectd-e2e-out-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw HarnessError("mkstemp failed") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    func text() -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    deinit {
        unlink(path)
    }
}
