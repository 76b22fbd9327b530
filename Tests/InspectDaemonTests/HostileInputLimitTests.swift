import Foundation
import InspectConfig
import Testing

@testable import InspectDaemon

@Suite struct HostileInputLimitTests {
    @Test(arguments: [
        ("{}", nil),
        (String(repeating: "[", count: 32) + String(repeating: "]", count: 32), nil),
        (String(repeating: "[", count: 33), 32),
        ("{\"a\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}", nil),  // brackets in a string do not count
        ("{\"a\":\"\\\"" + String(repeating: "{", count: 40) + "\"}", nil),  // nor after an escaped quote
        ("{\"a\":\"\\\\\"" + String(repeating: "{", count: 40), 40),  // an escaped backslash ends the string
    ] as [(String, Int?)])
    func jsonNestingIsMeasuredOutsideStrings(body: String, offset: Int?) {
        #expect(RequestLimits.jsonNestingExceeding(32, in: Array(body.utf8)) == offset)
    }

    @Test(arguments: [
        ("forecast.json", true), ("预报-2026-11-29.csv", true), ("..", false), (".", false), ("", false),
        ("a\nb.json", false), ("a\u{0}b", false), ("a/b", false), (String(repeating: "x", count: 200), true),
        (String(repeating: "x", count: 201), false), (String(repeating: "长", count: 67), false),
    ])
    func dropFileNamesMustBePlain(name: String, safe: Bool) {
        #expect(ForecastDropWatcher.isSafeName(name) == safe)
    }

    /// A config over the limit is refused before parsing, naming the file, its size and the
    /// limit; one exactly at the limit is read (whatever else it may get wrong).
    @Test func aConfigurationFileOverTheLimitIsRefusedUnread() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inspectd-config-limit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let limit = DaemonConfiguration.maximumFileBytes
        func config(bytes: Int) throws -> String {
            let path = directory + "/inspectd-\(bytes).toml"
            let text = "# padding\n" + String(repeating: "#", count: bytes - 11) + "\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let over = try config(bytes: limit + 1)
        guard case .failure(let error) = ConfigurationLoader.load(path: over) else {
            Issue.record("a configuration file of \(limit + 1) bytes was accepted")
            return
        }
        #expect(error.problems.count == 1, "\(error.problems)")
        #expect(error.problems.first?.hasPrefix(over + ": ") == true, "\(error.problems)")
        #expect(error.problems.first?.contains("is \(limit + 1) bytes, more than the limit of \(limit) bytes") == true, "\(error.problems)")

        let atLimit = try config(bytes: limit)
        if case .failure(let error) = ConfigurationLoader.load(path: atLimit) {
            #expect(!error.problems.contains { $0.contains("more than the limit") }, "\(error.problems)")
        }
    }
}
