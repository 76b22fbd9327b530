import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What inspectors and the HQ office take away from the demo district's daemon, read
/// back by independent parsers (`Scripts/read-exports.py`): an inspector's calendar
/// (`roster --format ics --inspector ID`) through Python's `icalendar` package, and the
/// roster for Excel (`roster --format csv --excel`) through Python's `csv` module.
/// A missing `icalendar` fails these tests: `scripts/setup.sh --tests` installs it.
@Suite(.serialized, .timeLimit(.minutes(3)))
final class ExportTests {
    static let reader = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/read-exports.py").path

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

    func ctl(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", directory + "/inspectd.sock"] + arguments)
    }

    /// Runs `inspectctl` with its standard output going to `file` byte for byte (a byte
    /// order mark included); returns the exit status and standard error.
    func ctl(_ arguments: [String], into file: String) throws -> (status: Int32, stderr: String) {
        guard FileManager.default.createFile(atPath: file, contents: nil) else { throw HarnessError("cannot create \(file)") }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        defer { try? output.close() }
        let errors = try CapturedOutput()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DaemonHarness.binary("inspectctl"))
        process.arguments = ["--socket", directory + "/inspectd.sock"] + arguments
        process.standardOutput = output
        process.standardError = errors.handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, errors.text())
    }

    /// The shifts of `roster --format json` with `arguments`, as JSON objects.
    func shifts(_ arguments: [String] = []) throws -> [[String: Any]] {
        let result = try ctl(["roster", "--format", "json"] + arguments)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return report?["shifts"] as? [[String: Any]] ?? []
    }

    /// The same shifts, written so that two answers compare equal when nothing changed.
    func canonical(_ shifts: [[String: Any]]) throws -> Data {
        try JSONSerialization.data(withJSONObject: shifts, options: [.sortedKeys])
    }

    /// Waits for the first plan, then runs `export` between two identical roster answers
    /// (the demo re-plans once its forecast lands; an export taken across a re-plan
    /// would compare against the wrong roster). Returns the roster `export` saw.
    func onASettledRoster(_ arguments: [String] = [], _ export: () throws -> Void) throws -> [[String: Any]] {
        _ = DaemonHarness.wait(seconds: 60) { ((try? shifts()) ?? []).isEmpty == false }
        for _ in 0..<20 {
            let before = try shifts(arguments)
            try export()
            let after = try shifts(arguments)
            if !before.isEmpty, try canonical(before) == canonical(after) { return before }
            usleep(500_000)
        }
        Issue.record("the roster did not settle: \(daemon.stderrText().suffix(500))")
        return []
    }

    /// What the Python reader makes of `files`; fails the test (never skips) when it cannot run.
    func read(_ kind: String, _ files: [String]) throws -> Any {
        let result = try DaemonHarness.run("/usr/bin/env", ["python3", Self.reader, kind] + files)
        try #require(result.status == 0, "read-exports.py \(kind) failed (status \(result.status)): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    static func instant(_ iso: String) -> Int? {
        ISO8601DateFormatter().date(from: iso).map { Int($0.timeIntervalSince1970) }
    }

    static func members(_ shift: [String: Any]) -> [[String: Any]] {
        shift["members"] as? [[String: Any]] ?? []
    }

    @Test func anInspectorsCalendarRoundTripsThroughAnIndependentParser() throws {
        let all = try onASettledRoster {}
        // The inspector with the most shifts (the lowest id among equals): several events to compare.
        var counts: [String: Int] = [:]
        for shift in all { for member in Self.members(shift) { counts[member["id"] as? String ?? "", default: 0] += 1 } }
        let inspector = try #require(counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key)
        let first = directory + "/\(inspector).ics"
        let second = directory + "/\(inspector)-again.ics"
        let expected = try onASettledRoster(["--inspector", inspector]) {
            let one = try ctl(["roster", "--format", "ics", "--inspector", inspector], into: first)
            #expect(one.status == 0, "\(one.stderr)")
            sleep(1)  // a later DTSTAMP: the UIDs must not change with it
            let two = try ctl(["roster", "--format", "ics", "--inspector", inspector], into: second)
            #expect(two.status == 0, "\(two.stderr)")
        }
        try #require(expected.count >= 2, "\(inspector) has \(expected.count) shifts")
        let parsed = try #require(try read("ics", [first, second]) as? [[String: Any]])
        try #require(parsed.count == 2)
        for calendar in parsed {
            #expect(calendar["errors"] as? [String] == [], "the parser's complaints: \(calendar["errors"] ?? "")")
            #expect(calendar["version"] as? String == "2.0")
            #expect(calendar["calscale"] as? String == "GREGORIAN")
            #expect(calendar["method"] as? String == "PUBLISH")
            #expect((calendar["prodid"] as? String)?.isEmpty == false)
            #expect(calendar["crlf_only"] as? Bool == true)
            #expect((calendar["longest_line"] as? Int ?? 99) <= 75)
        }
        let events = parsed.map { $0["events"] as? [[String: Any]] ?? [] }
        let uids = events.map { $0.compactMap { $0["uid"] as? String } }

        // One event per shift of the inspector's, UIDs unique and the same in both exports.
        #expect(events[0].count == expected.count)
        #expect(Set(uids[0]).count == uids[0].count, "duplicate UIDs: \(uids[0])")
        #expect(uids[0] == uids[1])
        #expect(events[0].map { $0["dtstamp"] as? Int ?? 0 }.max()! < events[1].map { $0["dtstamp"] as? Int ?? 0 }.min()!)

        for (shift, event) in zip(expected, events[0]) {
            let id = shift["id"] as? String ?? ""
            #expect(event["utc"] as? Bool == true, "\(id): DTSTART/DTEND not in UTC")
            #expect(event["start"] as? Int == Self.instant(shift["start"] as? String ?? ""), "\(id): DTSTART")
            #expect(event["end"] as? Int == Self.instant(shift["end"] as? String ?? ""), "\(id): DTEND")
            #expect(event["sequence"] as? Int == shift["plan"] as? Int, "\(id): SEQUENCE is the plan")
            #expect(event["uid"] as? String == "\(shift["date"] ?? "")/\(shift["period"] ?? "")/\(inspector)@inspectd")
            let summary = event["summary"] as? String ?? ""
            #expect(summary.contains(shift["period_name"] as? String ?? "?") && summary.contains(shift["zone"] as? String ?? "?"))
            #expect(event["location"] as? String == "zone \(shift["zone"] ?? "")")
            let description = event["description"] as? String ?? ""
            for colleague in Self.members(shift) where colleague["id"] as? String != inspector {
                let name = colleague["name"] as? String ?? "?"
                let department = colleague["department"] as? String ?? "?"
                #expect(description.contains(name) && description.contains("(\(department))"), "\(id): \(name) missing")
            }
            #expect(description.contains(shift["day_kind"] as? String ?? "?"))
        }

        // The caller is an admin and sees the site lists in JSON; the calendar never has them.
        let text = try String(contentsOfFile: first, encoding: .utf8).replacingOccurrences(of: "\r\n ", with: "")
        let sites = Set(expected.flatMap { ($0["visits"] as? [[String: Any]] ?? []).compactMap { $0["site"] as? String } })
        #expect(!sites.isEmpty, "the demo draws visits; without any this check proves nothing")
        for site in sites { #expect(!text.contains(site), "site \(site) in the calendar") }
    }

    @Test func theRosterForExcelReadsBackWithPythonsCSVModule() throws {
        let file = directory + "/roster.csv"
        let expected = try onASettledRoster {
            let result = try ctl(["roster", "--format", "csv", "--excel"], into: file)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let parsed = try #require(try read("csv", [file]) as? [String: Any])
        #expect(parsed["bom"] as? Bool == true)
        #expect(parsed["crlf"] as? Bool == true)
        let header = parsed["header"] as? [String] ?? []
        #expect(header.first == "shift", "the BOM must not stick to the first column's name: \(header.first ?? "")")
        let rows = parsed["rows"] as? [[String]] ?? []
        let column = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let (shiftColumn, memberColumn, nameColumn) = (try #require(column["shift"]), try #require(column["member"]), try #require(column["name"]))
        #expect(rows.allSatisfy { $0.count == header.count })

        // One row per member-shift, names as the daemon has them (Chinese intact).
        let expectedRows = expected.flatMap { shift in
            Self.members(shift).map { [shift["id"] as? String ?? "", $0["id"] as? String ?? "", $0["name"] as? String ?? ""] }
        }
        #expect(rows.count == expectedRows.count)
        #expect(rows.map { [$0[shiftColumn], $0[memberColumn], $0[nameColumn]] } == expectedRows)
        #expect(rows.contains { $0[nameColumn].unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } })

        // Without --excel there is no mark; --excel without --format csv is a usage error.
        let plain = try ctl(["roster", "--format", "csv"])
        #expect(plain.stdout.hasPrefix("shift,"))
        let misuse = try ctl(["roster", "--excel"])
        #expect(misuse.status == 64 && misuse.stderr.contains("--format csv"), "\(misuse.stderr)")
        let elsewhere = try ctl(["inspectors", "--format", "ics"])
        #expect(elsewhere.status == 64 && elsewhere.stderr.contains("only inspectctl roster"), "\(elsewhere.stderr)")
    }
}
