import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The fuzz smoke run: schemathesis drives every operation of the API from its own OpenAPI
/// document (`GET /v1/openapi.json`) against the demo district, through a loopback bridge
/// to the Unix socket (`Scripts/fuzz-api.py`). Bounded for CI (a few examples per
/// operation, under a minute); the README gives the longer run by hand. Zero 5xx, the
/// daemon never dies, and it still answers `/v1/status` afterwards.
@Suite(.serialized, .timeLimit(.minutes(3)))
final class APIFuzzTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/fuzz-api.py").path

    let directory: String
    let daemon: DaemonProcess

    init() throws {
        directory = try DaemonHarness.scratchDirectory() + "/demo"
        daemon = try DaemonProcess(DaemonHarness.binary("inspectd"), ["demo", "--dir", directory], environment: [:])
    }

    deinit {
        daemon.signal(SIGTERM)
        _ = daemon.waitForExit(seconds: 10)
        try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent)
    }

    /// A missing schemathesis fails this test: `scripts/setup.sh --tests` installs it.
    @Test
    func theAPIFromItsOpenAPIDocumentAnswersNo5xx() throws {
        let socket = directory + "/inspectd.sock"
        let up = DaemonHarness.wait(seconds: 30) {
            (try? DaemonHarness.run("/usr/bin/curl", ["-sf", "-o", "/dev/null", "--unix-socket", socket, "http://localhost/v1/status"]).status) == 0
        }
        try #require(up, "the demo daemon did not answer: \(daemon.stderrText().suffix(500))")
        let started = Date()
        let run = try DaemonHarness.run(
            "/usr/bin/env",
            ["python3", Self.script, socket, "--max-examples", "8", "--max-time", "40", "--seed", "20261129", "--workers", "1"])
        let output = run.stdout + run.stderr
        #expect(run.status == 0, "schemathesis found failures:\n\(output.suffix(4000))")
        #expect(output.contains("after the run GET /v1/status answered 200"), "\(output.suffix(1000))")
        #expect(daemon.process.isRunning, "the daemon died: \(daemon.stderrText().suffix(1000))")
        #expect(Date().timeIntervalSince(started) < 90)
        print("fuzz-api: \(Int(Date().timeIntervalSince(started))) s\n\(output.suffix(1500))")
    }
}
