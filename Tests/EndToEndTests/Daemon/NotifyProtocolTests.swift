import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built `inspectd` speaks systemd's notification protocol: the test plays
/// systemd with a datagram socket named in `NOTIFY_SOCKET`.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct NotifyProtocolTests {
    @Test func readyStatusWatchdogReloadAndStop() throws {
        let directory = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try DaemonHarness.writeConfig(in: directory)
        let notify = try NotifySocket(path: directory + "/notify")
        let daemon = try DaemonProcess(
            DaemonHarness.binary("inspectd"), ["--config", config],
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "1000000"]
        )

        // READY=1 comes with a status line, and only once the socket answers.
        let ready = try #require(notify.waitFor(seconds: 10) { $0 == "READY=1" })
        #expect(ready.contains("STATUS=Serving 测试区"))
        #expect(FileManager.default.fileExists(atPath: directory + "/inspectd.sock"))
        let status = try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", directory + "/inspectd.sock", "status", "--format", "json"])
        #expect(status.status == 0)

        // WATCHDOG=1 at half of WATCHDOG_USEC (1 s): several within 2 s.
        notify.reset()
        usleep(2_000_000)
        notify.drain()
        let pings = notify.messages.filter { $0 == "WATCHDOG=1" }.count
        #expect(pings >= 2, "expected watchdog pings every 0.5 s, got \(pings) in 2 s")

        // SIGHUP: RELOADING=1 with MONOTONIC_USEC, then READY=1.
        notify.reset()
        daemon.signal(SIGHUP)
        let reloading = try #require(notify.waitFor(seconds: 5) { $0 == "RELOADING=1" })
        #expect(reloading.split(separator: "\n").contains { $0.hasPrefix("MONOTONIC_USEC=") && UInt64($0.dropFirst(15)) != nil })
        #expect(notify.waitFor(seconds: 5) { $0 == "READY=1" } != nil)

        // A bad config on reload is rejected: still running, STATUS says why.
        try "[daemon]\nlog_level = \"loud\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        notify.reset()
        daemon.signal(SIGHUP)
        let failed = try #require(notify.waitFor(seconds: 5) { $0.hasPrefix("STATUS=Reload failed") })
        #expect(failed.contains("log_level"))
        #expect(daemon.process.isRunning)
        let after = try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", directory + "/inspectd.sock", "status", "--format", "json"])
        #expect(after.status == 0)
        #expect(after.stdout.contains("\"succeeded\" : false"))

        // SIGTERM: STOPPING=1, exit 0 well inside the grace period, socket removed.
        notify.reset()
        daemon.signal(SIGTERM)
        #expect(notify.waitFor(seconds: 5) { $0 == "STOPPING=1" } != nil)
        #expect(daemon.waitForExit(seconds: 5) == 0)
        #expect(!FileManager.default.fileExists(atPath: directory + "/inspectd.sock"))
    }

    @Test func invalidConfigurationFailsBeforeReady() throws {
        let directory = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = directory + "/inspectd.toml"
        try "[daemon]\nstate_directory = \"relative/path\"\nsurprise = 1\n".write(toFile: config, atomically: true, encoding: .utf8)
        let notify = try NotifySocket(path: directory + "/notify")
        let daemon = try DaemonProcess(DaemonHarness.binary("inspectd"), ["--config", config], environment: ["NOTIFY_SOCKET": notify.path])
        let status = daemon.waitForExit(seconds: 10)
        #expect(status == 1)
        let stderr = daemon.stderrText()
        #expect(stderr.contains("\(config):2"))
        #expect(stderr.contains("surprise"))
        notify.drain()
        #expect(!notify.messages.contains { $0.contains("READY=1") })
    }

    @Test func corruptDatabaseIsRefusedAndLeftUntouched() throws {
        let directory = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try DaemonHarness.writeConfig(in: directory)
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        try garbage.write(to: URL(fileURLWithPath: directory + "/inspectd.sqlite"))
        let result = try DaemonHarness.run(DaemonHarness.binary("inspectd"), ["--config", config])
        #expect(result.status == 1)
        #expect(result.stderr.contains("damaged"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/inspectd.sqlite")) == garbage)
    }

    @Test func secondDaemonOnTheSameSocketIsRefused() throws {
        let directory = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try DaemonHarness.writeConfig(in: directory)
        let notify = try NotifySocket(path: directory + "/notify")
        let first = try DaemonProcess(DaemonHarness.binary("inspectd"), ["--config", config], environment: ["NOTIFY_SOCKET": notify.path])
        _ = try #require(notify.waitFor(seconds: 10) { $0 == "READY=1" })
        let second = try DaemonHarness.run(DaemonHarness.binary("inspectd"), ["--config", config])
        #expect(second.status == 1)
        #expect(second.stderr.contains("already serving"))
        first.signal(SIGTERM)
        #expect(first.waitForExit(seconds: 5) == 0)
    }
}
