import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Socket activation without systemd: a wrapper binds the socket, passes it as
/// fd 3 with `LISTEN_FDS=1`, `LISTEN_PID` and `LISTEN_FDNAMES`, and execs the
/// built `inspectd`, as systemd does; the CLI's request is answered on it.
/// (Activation on the first connection by a real systemd is in the systemd
/// end-to-end tests.)
@Suite(.serialized, .timeLimit(.minutes(1)))
struct SocketActivationTests {
    static let wrapper = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/socket-activate.py").path

    @Test func daemonServesOnThePassedSocket() throws {
        let directory = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The configured path differs from the passed one: the daemon must use the passed socket.
        let config = try DaemonHarness.writeConfig(in: directory)
        let socket = directory + "/activated.sock"
        let notify = try NotifySocket(path: directory + "/notify")
        let daemon = try DaemonProcess(
            "/usr/bin/env", ["python3", Self.wrapper, socket, "api", DaemonHarness.binary("inspectd"), "--config", config],
            environment: ["NOTIFY_SOCKET": notify.path]
        )
        let ready = try #require(notify.waitFor(seconds: 10) { $0 == "READY=1" })
        #expect(ready.contains("STATUS=Serving"))

        let status = try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", socket, "status", "--format", "json"])
        #expect(status.status == 0, "\(status.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(object?["district"] as? String == "测试区")
        #expect(!FileManager.default.fileExists(atPath: directory + "/inspectd.sock"), "it must not bind its own socket")

        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(seconds: 10) == 0)
        #expect(FileManager.default.fileExists(atPath: socket), "a passed socket belongs to systemd and is not removed")
    }
}
