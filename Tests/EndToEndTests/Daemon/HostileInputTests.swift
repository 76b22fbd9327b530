import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The limits on hostile input, against the real daemon: each answered with the documented
/// 4xx or import error, and the daemon still serving afterwards.
@Suite(.serialized, .timeLimit(.minutes(3)))
final class HostileInputTests {
    let directory: String
    let socket: String
    let config: String
    let notify: NotifySocket
    var daemon: DaemonProcess

    init() throws {
        directory = try DaemonHarness.scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/templates", withIntermediateDirectories: true)
        config = try DaemonHarness.writeConfig(
            in: directory,
            extra: """

                [notices]
                outbox_directory = "\(directory)/outbox"
                templates_directory = "\(directory)/templates"
                """)
        socket = directory + "/inspectd.sock"
        notify = try NotifySocket(path: directory + "/notify")
        daemon = try DaemonProcess(DaemonHarness.binary("inspectd"), ["--config", config], environment: ["NOTIFY_SOCKET": notify.path])
        guard notify.waitFor(seconds: 10, { $0 == "READY=1" }) != nil else { throw HarnessError("the daemon did not become ready") }
    }

    deinit {
        daemon.signal(SIGTERM)
        _ = daemon.waitForExit(seconds: 10)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `curl` over the socket: the status and the parsed problem (or answer) object.
    func request(
        _ method: String, _ target: String, bodyFile: String? = nil, contentType: String = "application/json"
    ) throws -> (status: Int, object: [String: Any]) {
        var arguments = ["-s", "-o", directory + "/answer", "-w", "%{http_code}", "--unix-socket", socket, "-X", method]
        if let bodyFile { arguments += ["-H", "Content-Type: \(contentType)", "--data-binary", "@" + bodyFile] }
        let result = try DaemonHarness.run("/usr/bin/curl", arguments + ["http://localhost" + target])
        let answer = FileManager.default.contents(atPath: directory + "/answer") ?? Data()
        let object = (try? JSONSerialization.jsonObject(with: answer)) as? [String: Any] ?? [:]
        return (Int(result.stdout) ?? 0, object)
    }

    func file(_ name: String, _ bytes: some Sequence<UInt8>) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func stillServes() throws {
        #expect(try request("GET", "/v1/status").status == 200, "the daemon no longer answers /v1/status")
    }

    @Test func aBodyJustOverTheLimitIs413() throws {
        let body = try file("big.csv", repeatElement(UInt8(ascii: "a"), count: 16 * 1024 * 1024 + 1))
        let answer = try request("POST", "/v1/imports/sites", bodyFile: body, contentType: "text/csv")
        #expect(answer.status == 413)
        #expect(answer.object["code"] as? String == "payload_too_large")
        try stillServes()
    }

    @Test func smallJSONBodiesAreCheckedForSizeAndDepth() throws {
        let large = try file("large.json", Array(("{\"note\":\"" + String(repeating: "x", count: 64 * 1024) + "\"}").utf8))
        let tooLarge = try request("POST", "/v1/leave", bodyFile: large)
        #expect(tooLarge.status == 413)
        #expect((tooLarge.object["detail"] as? String)?.contains("limit of 65536") == true, "\(tooLarge.object)")

        let deep = try file("deep.json", Array((String(repeating: "[", count: 33) + String(repeating: "]", count: 33)).utf8))
        for route in ["/v1/leave", "/v1/conflicts", "/v1/cases/C-1/update", "/v1/roster/shifts/x/assign"] {
            let answer = try request("POST", route, bodyFile: deep)
            #expect(answer.status == 400, "\(route)")
            #expect((answer.object["detail"] as? String)?.contains("more than 32 deep") == true, "\(route): \(answer.object)")
        }
        // 32 levels pass the pre-check and reach the route, which refuses them for what they are.
        let shallow = try file("shallow.json", Array((String(repeating: "[", count: 32) + String(repeating: "]", count: 32)).utf8))
        let answer = try request("POST", "/v1/leave", bodyFile: shallow)
        #expect(answer.status == 400)
        #expect((answer.object["detail"] as? String)?.contains("deep") == false, "\(answer.object)")
        try stillServes()
    }

    @Test func anOverlongQueryIs414() throws {
        let answer = try request("GET", "/v1/cases?status=" + String(repeating: "a", count: 8 * 1024))
        #expect(answer.status == 414)
        #expect(answer.object["code"] as? String == "uri_too_long")
        #expect(try request("GET", "/v1/cases?status=open").status == 200)
    }

    /// `file=` only names the file in messages: a name with directories is cut to its last
    /// component and nothing is written anywhere under it.
    @Test func uploadFileNamesAreDisplayOnly() throws {
        let body = try file("sites.csv", Array("id,name\n".utf8))
        let answer = try request("POST", "/v1/imports/sites?file=..%2F..%2Fescape%2Fevil.csv", bodyFile: body, contentType: "text/csv")
        #expect(answer.status == 422)
        let items = answer.object["errors"] as? [[String: Any]] ?? []
        #expect(!items.isEmpty && items.allSatisfy { $0["file"] as? String == "evil.csv" }, "\(answer.object)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/../escape"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/escape"))
    }

    @Test func dropFilesOverTheLimitOrWithUnsafeNamesAreNotRead() throws {
        let inbox = directory + "/weather-inbox"
        _ = DaemonHarness.wait(seconds: 5) { FileManager.default.fileExists(atPath: inbox + "/failed") }
        // Written elsewhere and renamed in, as a writer should.
        try Data(repeating: UInt8(ascii: " "), count: 8 * 1024 * 1024 + 1).write(to: URL(fileURLWithPath: inbox + "/.big.json"))
        #expect(rename(inbox + "/.big.json", inbox + "/big.json") == 0)
        let unsafeNames = ["line\nbreak.json", String(repeating: "长", count: 70) + ".json"]
        for name in unsafeNames {
            #expect(FileManager.default.createFile(atPath: inbox + "/" + name, contents: Data("{}".utf8)))
        }
        var failed: [String] = []
        let rejected = DaemonHarness.wait(seconds: 10) {
            failed = (try? FileManager.default.contentsOfDirectory(atPath: inbox + "/failed")) ?? []
            return failed.contains { $0.hasSuffix("-big.json.error") }
        }
        #expect(rejected, "\(failed)")
        if let errorFile = failed.first(where: { $0.hasSuffix("-big.json.error") }) {
            let reasons = try String(contentsOfFile: inbox + "/failed/" + errorFile, encoding: .utf8)
            #expect(reasons.contains("big.json:1: the file is 8388609 bytes, more than the limit of 8388608 bytes"), "\(reasons)")
        }
        // The unsafe names are left alone: never imported, moved or answered with an .error.
        usleep(2_500_000)
        let left = try FileManager.default.contentsOfDirectory(atPath: inbox)
        for name in unsafeNames { #expect(left.contains(name), "\(name.debugDescription) was moved") }
        #expect(failed.count == 2, "\(failed)")
        #expect(daemon.stderrText().contains("forecast_name_refused") || daemon.stderrText().contains("not a plain file name"))
        try stillServes()
    }

    @Test func aHugeTemplateIsRefusedAtReloadAndTheOldSetKept() throws {
        let huge = "督办：{{case.id}}\n" + String(repeating: "x", count: 64 * 1024)
        try huge.write(toFile: directory + "/templates/supervision.body.mustache", atomically: true, encoding: .utf8)
        notify.reset()
        daemon.signal(SIGHUP)
        _ = notify.waitFor(seconds: 10) { $0 == "READY=1" }
        let status = try request("GET", "/v1/status")
        let reload = status.object["last_reload"] as? [String: Any] ?? [:]
        #expect(reload["succeeded"] as? Bool == false, "\(status.object)")
        let messages = reload["messages"] as? [String] ?? []
        #expect(messages.contains { $0.contains("supervision.body.mustache") && $0.contains("more than the limit of 65536") }, "\(messages)")
        // The running set is the one from before: the daemon did not take the file in.
        #expect(daemon.process.isRunning)
    }

    /// A configuration file over 1 MiB is refused unread: by `check-config`, and at reload,
    /// where the configuration in force stays.
    @Test func aHugeConfigurationIsRefusedByCheckConfigAndAtReload() throws {
        let original = try String(contentsOfFile: config, encoding: .utf8)
        let huge = original + "\n# padding\n" + String(repeating: "#", count: 1024 * 1024) + "\n"
        try huge.write(toFile: config, atomically: true, encoding: .utf8)
        let size = huge.utf8.count
        let expected = "\(config): the configuration file is \(size) bytes, more than the limit of 1048576 bytes"

        let check = try DaemonHarness.run(DaemonHarness.binary("inspectd"), ["check-config", "--config", config])
        #expect(check.status == 1)
        #expect(check.stderr.contains(expected), "\(check.stderr)")

        notify.reset()
        daemon.signal(SIGHUP)
        _ = notify.waitFor(seconds: 10) { $0 == "READY=1" }
        let status = try request("GET", "/v1/status")
        let reload = status.object["last_reload"] as? [String: Any] ?? [:]
        #expect(reload["succeeded"] as? Bool == false, "\(status.object)")
        let messages = reload["messages"] as? [String] ?? []
        #expect(messages.contains { $0.contains(expected) }, "\(messages)")
        #expect(daemon.process.isRunning)
        try stillServes()
    }
}
