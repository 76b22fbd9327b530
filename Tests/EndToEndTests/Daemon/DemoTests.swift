import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `inspectd demo`, the quick start's first command: the demo district is served and its
/// roster can be queried right away.
@Suite(.serialized, .timeLimit(.minutes(2)))
final class DemoTests {
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

    func ctl(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
        try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", directory + "/inspectd.sock"] + arguments)
    }

    @Test func theDemoDistrictHasARosterASupervisorCanQueryAtOnce() throws {
        var shifts: [[String: Any]] = []
        _ = DaemonHarness.wait(seconds: 30) {
            let result = try? ctl("roster", "--format", "json")
            let report = result.flatMap { try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [String: Any] }
            shifts = report?["shifts"] as? [[String: Any]] ?? []
            return !shifts.isEmpty
        }
        #expect(!shifts.isEmpty, "no roster: \(daemon.stderrText().suffix(500))")
        #expect(Set(shifts.compactMap { $0["zone"] as? String }) == ["north", "central", "south"])
        for night in shifts where night["period"] as? String == "night" {
            let departments = (night["members"] as? [[String: Any]] ?? []).compactMap { $0["department"] as? String }
            #expect(departments.contains("police"), "\(night["id"] ?? "") has no police officer")
        }
        // Every period of every zone is staffed from now on: someone is on duty right now.
        let duty = try ctl("duty", "--format", "json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(duty.stdout.utf8)) as? [String: Any])
        #expect((report["uncovered"] as? [Any])?.isEmpty == true, "\(duty.stdout)")
        let table = try ctl("roster")
        #expect(table.status == 0 && table.stdout.contains("north") && table.stdout.contains("夜班"))
        #expect(try ctl("draw", "verify", "1").status == 0)

        // A team on duty now records a violation at one of its sites: the ledger gets a
        // patrol case for the site's locality, and the visit shows its result and case.
        let listed = try ctl("visit", "list", "--format", "json")
        let visits = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], "\(listed.stderr)")
        let onDuty = Set((report["shifts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        let visit = try #require(visits.first { onDuty.contains($0["shift"] as? String ?? "") }, "no visit of a running shift in \(visits.count)")
        let id = try #require(visit["id"] as? String)
        let recorded = try ctl("visit", "record", id, "--result", "violation", "--measures", "production_halt", "--new-case", "夜间偷排")
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let again = try ctl("visit", "list", "--format", "json")
        let after = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [[String: Any]])
        let same = try #require(after.first { $0["id"] as? String == id })
        #expect(same["result"] as? String == "violation")
        let caseID = try #require(same["case"] as? String)
        let shown = try ctl("cases", "show", caseID, "--format", "json")
        #expect(shown.status == 0 && shown.stdout.contains("夜间偷排") && shown.stdout.contains("patrol"), "\(shown.stdout)\(shown.stderr)")
        #expect(shown.stdout.contains(visit["locality"] as? String ?? "?"))
        // The latest week's public disclosure is written into DIR/disclosure at once.
        let disclosure = directory + "/disclosure"
        #expect(
            DaemonHarness.wait(seconds: 10) {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: disclosure)) ?? []
                return names.contains { $0.hasPrefix("disclosure-") && $0.hasSuffix(".csv") } && names.contains { $0.hasSuffix(".html") }
            }, "no report in \(disclosure)")
    }

    /// A supervisor with a Chinese locale at an 80-column terminal: the week grid speaks
    /// Chinese and fits; the CSV keeps its machine column names; a pipe gets no colour.
    @Test func theWeekAtAGlanceFitsEightyColumnsInChinese() throws {
        let chinese = ["LC_ALL": "zh_CN.UTF-8", "COLUMNS": "80", "NO_COLOR": ""]
        func ctl(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
            try DaemonHarness.run(
                DaemonHarness.binary("inspectctl"), ["--socket", directory + "/inspectd.sock"] + arguments, environment: chinese)
        }
        _ = DaemonHarness.wait(seconds: 30) {
            let result = try? ctl("roster", "--format", "json")
            let report = result.flatMap { try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [String: Any] }
            return (report?["shifts"] as? [Any])?.isEmpty == false
        }
        let week = try ctl("roster", "week")
        #expect(week.status == 0, "\(week.stderr)")
        let lines = week.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("周") == true && week.stdout.contains("周一") && week.stdout.contains("时段"), "\(week.stdout)")
        #expect(lines.count > 6)
        for line in lines {
            #expect(Self.cells(line) <= 80, "\(Self.cells(line)) cells: \(line)")
        }
        #expect(!week.stdout.contains("\u{1B}"), "no colour into a pipe")
        let csv = try ctl("roster", "week", "--format", "csv")
        #expect(csv.stdout.hasPrefix("shift,date,period,start,end,day_kind,rain,zone,team,member,"))
        let english = try ctl("--lang", "en", "roster", "week")
        #expect(english.stdout.hasPrefix("Week ") && english.stdout.contains("Mon"), "\(english.stdout)")
    }

    /// Terminal cells: two for CJK ideographs, fullwidth forms and the umbrella.
    static func cells(_ line: String) -> Int {
        line.unicodeScalars.reduce(0) { total, scalar in
            let value = scalar.value
            let wide =
                (0x2E80...0x9FFF).contains(value) || (0xFF00...0xFF60).contains(value) || (0x2614...0x2615).contains(value)
                || (0xAC00...0xD7A3).contains(value)
            return total + (wide ? 2 : 1)
        }
    }
}
