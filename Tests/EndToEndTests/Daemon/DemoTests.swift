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
            return Self.plannedAhead(shifts)
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

    /// A complaint task through the real CLI: placed on one team's sealed list before its
    /// deadline and nothing else changed; shown with its origin; the random draws still
    /// replay; an impossible deadline is refused with why (exit ≠ 0) and stores nothing.
    @Test func aComplaintTaskIsPlacedWithTheLeastChangeAndAnImpossibleOneIsRefused() throws {
        var before: [[String: Any]] = []
        _ = DaemonHarness.wait(seconds: 30) {
            let result = try? ctl("roster", "--format", "json")
            let report = result.flatMap { try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [String: Any] }
            before = report?["shifts"] as? [[String: Any]] ?? []
            return Self.plannedAhead(before)
        }
        #expect(!before.isEmpty, "no roster: \(daemon.stderrText().suffix(500))")
        // The demo's forecast arrives just after the first plan and re-plans the rain periods:
        // compare against the roster once that has settled.
        _ = DaemonHarness.wait(seconds: 30) { daemon.stderrText().contains("rain") && (try? ctl("weather"))?.stdout.contains("demo-forecast") == true }
        var plans = -1
        _ = DaemonHarness.wait(seconds: 30) {
            let count = (try? ctl("roster", "plans", "--format", "json")).flatMap {
                (try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [Any])?.count
            } ?? -1
            defer { plans = count }
            usleep(500_000)
            return count == plans && count > 0
        }
        let settled = try #require(
            try JSONSerialization.jsonObject(with: Data(try ctl("roster", "--format", "json").stdout.utf8)) as? [String: Any])
        before = settled["shifts"] as? [[String: Any]] ?? []
        let sites = try #require(
            try JSONSerialization.jsonObject(with: Data(try ctl("sites", "--format", "json").stdout.utf8)) as? [[String: Any]])
        let site = try #require(sites.compactMap { $0["id"] as? String }.sorted().first)
        let dates = before.compactMap { $0["date"] as? String }.sorted()
        let from = try #require(dates.first { $0 > dates[0] }.flatMap { day in dates.first { $0 > day } }, "the roster spans three days")
        let by = try #require(dates.last)

        // Ten minutes from now: every shift before then has started or is within the freeze margin.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm'Z'"
        let soon = formatter.string(from: Date().addingTimeInterval(600))
        // The demo's rectified cases already have their verification visits on the roster.
        let demoTasks = try #require(
            try JSONSerialization.jsonObject(with: Data(try ctl("task", "list", "--format", "json").stdout.utf8)) as? [[String: Any]])
        #expect(!demoTasks.isEmpty && demoTasks.allSatisfy { $0["reason"] as? String == "verification" }, "\(demoTasks)")
        #expect(demoTasks.contains { $0["status"] as? String == "placed" }, "\(demoTasks)")
        let shownOrigins = before.flatMap { ($0["visits"] as? [[String: Any]] ?? []).compactMap { $0["origin"] as? String } }
        #expect(shownOrigins.contains { $0.hasSuffix(" verification") }, "the roster shows the demo's verification visits")

        let refused = try ctl("task", "add", "--site", site, "--by", soon, "--reason", "complaint")
        #expect(refused.status != 0 && refused.stderr.contains("task not added: no "), "\(refused.stdout)\(refused.stderr)")
        let unchanged = try JSONSerialization.jsonObject(with: Data(try ctl("task", "list", "--format", "json").stdout.utf8)) as? [Any]
        #expect(unchanged?.count == demoTasks.count, "a refused task stores nothing")

        let added = try ctl("task", "add", "--site", site, "--from", from, "--by", by, "--reason", "complaint", "--note", "群众举报", "--format", "json")
        #expect(added.status == 0, "\(added.stderr)")
        let task = try #require(try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])
        let host = try #require(task["shift"] as? String)
        let taskID = try #require(task["id"] as? Int)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(try ctl("roster", "--format", "json").stdout.utf8)) as? [String: Any])
        let after = report["shifts"] as? [[String: Any]] ?? []
        let beforeByID = Dictionary(before.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        for shift in after {
            let id = shift["id"] as? String ?? ""
            let old = try #require(beforeByID[id], "\(id) is new")
            let oldVisits = (old["visits"] as? [[String: Any]] ?? []).compactMap { $0["site"] as? String }
            let newVisits = (shift["visits"] as? [[String: Any]] ?? []).compactMap { $0["site"] as? String }
            #expect(NSDictionary(dictionary: ["m": shift["members"] ?? []]).isEqual(to: ["m": old["members"] ?? []]), "members of \(id) changed")
            if id == host {
                #expect(newVisits == oldVisits + [site], "\(id): \(oldVisits) → \(newVisits)")
                let origins = (shift["visits"] as? [[String: Any]] ?? []).compactMap { $0["origin"] as? String }
                #expect(origins.last == "task:\(taskID) complaint" && origins.dropLast().allSatisfy { $0 == "random" })
            } else {
                #expect(newVisits == oldVisits, "\(id) changed")
            }
        }
        let explained = try ctl("--lang", "en", "roster", "explain", host)
        #expect(explained.status == 0 && explained.stdout.contains("task:\(taskID) complaint"), "\(explained.stdout)\(explained.stderr)")
        let listed = try ctl("task", "list")
        #expect(listed.status == 0 && listed.stdout.contains("placed") && listed.stdout.contains(host), "\(listed.stdout)")
        for plan in 1...max(1, plans) {
            let verified = try ctl("draw", "verify", String(plan))
            #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        }

        // A case with a site marked rectified gets its verification visit (复查) at once.
        let cases = try #require(
            try JSONSerialization.jsonObject(with: Data(try ctl("cases", "list", "--format", "json").stdout.utf8)) as? [[String: Any]])
        let open = try #require(
            cases.first { ["open", "in_progress"].contains($0["status"] as? String ?? "") && ($0["site"] as? String ?? "").isEmpty == false },
            "no outstanding demo case with a site")
        let caseID = try #require(open["id"] as? String)
        let rectified = try ctl("cases", "update", caseID, "--status", "rectified", "--note", "已整改")
        #expect(rectified.status == 0, "\(rectified.stderr)")
        let tasks = try #require(
            try JSONSerialization.jsonObject(with: Data(try ctl("task", "list", "--format", "json").stdout.utf8)) as? [[String: Any]])
        let verification = try #require(tasks.first { $0["case"] as? String == caseID }, "\(tasks)")
        #expect(verification["reason"] as? String == "verification" && verification["site"] as? String == open["site"] as? String)
        #expect(["placed", "unplaced"].contains(verification["status"] as? String ?? ""), "\(verification)")
        // A campaign over three listed sites: each gets a special task, on different teams.
        let listFile = directory + "/campaign-sites.txt"
        let campaignSites = Array(sites.compactMap { $0["id"] as? String }.sorted().suffix(3))
        try ("id\n# 专项\n" + campaignSites.joined(separator: "\n") + "\n").write(toFile: listFile, atomically: true, encoding: .utf8)
        let campaign = try ctl("campaign", "add", "--name", "入河排污口排查", "--from", from, "--to", by, "--sites-from", listFile, "--format", "json")
        #expect(campaign.status == 0, "\(campaign.stderr)")
        let placed = try #require(try JSONSerialization.jsonObject(with: Data(campaign.stdout.utf8)) as? [String: Any])
        let campaignTasks = placed["tasks"] as? [[String: Any]] ?? []
        #expect(Set(campaignTasks.compactMap { $0["site"] as? String }) == Set(campaignSites))
        #expect(Set(campaignTasks.compactMap { $0["shift"] as? String }).count == 3, "\(campaignTasks)")
        let unknown = try ctl("campaign", "add", "--name", "x", "--from", from, "--to", by, "--kind", "没有这种")
        #expect(unknown.status != 0 && unknown.stderr.contains("no site matches"), "\(unknown.stderr)")

        let closing = try ctl("cases", "update", caseID, "--status", "closed")
        #expect(closing.status != 0 && closing.stderr.contains("verified"), "closed only from verified: \(closing.stderr)")
    }

    /// A fresh demo shows the whole inspection cycle on its seeded history of the past two
    /// weeks, through the real binaries: results of past random visits, a patrol case a past
    /// violation opened, a case rectified, verified by its verification visit (复查) and struck
    /// off (销号), one reopened by a violation at its verification visit, the reminder of a
    /// past visit left unrecorded, and last week's disclosure listing the past random results
    /// and no targeted visit. The history plan's draw replays like every plan's.
    @Test func theDemoShowsTheWholeCycleOnItsSeededHistory() throws {
        _ = DaemonHarness.wait(seconds: 30) {
            let result = try? ctl("roster", "--format", "json")
            let report = result.flatMap { try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [String: Any] }
            return Self.plannedAhead(report?["shifts"] as? [[String: Any]] ?? [])
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "yyyy-MM-dd"
        let today = formatter.string(from: Date())
        let from = formatter.string(from: Date().addingTimeInterval(-16 * 86_400))
        let listed = try ctl("visit", "list", "--from", from, "--to", today, "--format", "json")
        let visits = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], "\(listed.stderr)")
        // The visits of shifts that have ended: the seeded history (and nothing else yet).
        let roster = try ctl("roster", "--from", from, "--to", today, "--format", "json")
        let shifts = (try JSONSerialization.jsonObject(with: Data(roster.stdout.utf8)) as? [String: Any])?["shifts"] as? [[String: Any]] ?? []
        let ended = Set(
            shifts.filter { (ISO8601DateFormatter().date(from: $0["end"] as? String ?? "") ?? .distantFuture) <= Date() }.compactMap { $0["id"] as? String })
        let past = visits.filter { ended.contains($0["shift"] as? String ?? "") }
        #expect(past.count > 100, "\(past.count) past visits")
        #expect(past.filter { $0["result"] as? String == "compliant" }.count > past.count / 2)

        // Found: a past random visit's violation opened a patrol case.
        let violation = try #require(
            past.first { $0["result"] as? String == "violation" && $0["origin"] as? String == "random" && $0["case"] is String }, "no past violation")
        let patrol = try ctl("cases", "show", violation["case"] as? String ?? "", "--format", "json")
        let patrolCase = try #require(try JSONSerialization.jsonObject(with: Data(patrol.stdout.utf8)) as? [String: Any], "\(patrol.stderr)")
        #expect((patrolCase["case"] as? [String: Any])?["source"] as? String == "patrol", "\(patrol.stdout)")
        #expect((patrolCase["case"] as? [String: Any])?["site"] as? String == violation["site"] as? String)

        // Rectified, verified by its verification visit, struck off; and one reopened.
        let verifications = past.filter { ($0["origin"] as? String ?? "").hasSuffix(" verification") }
        func history(_ visit: [String: Any]?) throws -> (status: String, actions: [String]) {
            let shown = try ctl("cases", "show", visit?["case"] as? String ?? "?", "--format", "json")
            let detail = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
            let entries = detail?["history"] as? [[String: Any]] ?? []
            return (
                (detail?["case"] as? [String: Any])?["status"] as? String ?? "",
                entries.map { "\($0["action"] as? String ?? "")→\($0["to_status"] as? String ?? "")" }
            )
        }
        let passed = try history(verifications.first { $0["result"] as? String == "compliant" })
        #expect(passed.status == "closed", "\(verifications)")
        #expect(passed.actions == ["add→open", "update→rectified", "verify→verified", "update→closed"], "\(passed.actions)")
        let failed = try history(verifications.first { $0["result"] as? String == "violation" })
        #expect(failed.status == "in_progress", "\(verifications)")
        #expect(failed.actions == ["add→open", "update→rectified", "reopen→in_progress"], "\(failed.actions)")
        let reopened = verifications.first(where: { $0["result"] as? String == "violation" })?["case"] as? String ?? "?"
        let closing = try ctl("cases", "update", reopened, "--status", "closed")
        #expect(closing.status != 0, "a reopened case is not struck off")

        // One past visit was left unrecorded: its team got the reminder at the first look.
        let unrecorded = past.filter { $0["result"] == nil || $0["result"] is NSNull }
        #expect(unrecorded.count == 1, "\(unrecorded)")
        var reminders: [[String: Any]] = []
        _ = DaemonHarness.wait(seconds: 20) {
            let result = try? ctl("notices", "--kind", "visit_reminder", "--format", "json")
            reminders = result.flatMap { try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [[String: Any]] } ?? []
            return !reminders.isEmpty
        }
        #expect(reminders.count == 1, "\(reminders)")

        // The latest week's disclosure lists that week's recorded random visits, and no other.
        let disclosure = directory + "/disclosure"
        var names: [String] = []
        _ = DaemonHarness.wait(seconds: 10) {
            names = ((try? FileManager.default.contentsOfDirectory(atPath: disclosure)) ?? []).filter { !$0.hasPrefix(".") }
            return names.contains { $0.hasSuffix(".csv") } && names.contains { $0.hasSuffix(".html") }
        }
        let csvName = try #require(names.first { $0.hasSuffix(".csv") }, "no report in \(disclosure)")
        let html = try String(contentsOfFile: disclosure + "/" + csvName.replacingOccurrences(of: ".csv", with: ".html"), encoding: .utf8)
        let range = try #require(html.range(of: #"\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}"#, options: .regularExpression), "no period in the page")
        let period = html[range].components(separatedBy: " 至 ")
        let published = past.filter {
            let date = $0["date"] as? String ?? ""
            return date >= period[0] && date <= period[1] && $0["origin"] as? String == "random" && $0["result"] is String
        }
        let csv = try String(contentsOfFile: disclosure + "/" + csvName, encoding: .utf8)
        let rows = csv.split(whereSeparator: \.isNewline).filter { $0.contains("本期 (period)") }
        #expect(!published.isEmpty && rows.count == published.count, "\(rows.count) rows for \(published.count) recorded random visits of \(period)")
        #expect(rows.allSatisfy { String($0.prefix(10)) >= period[0] && String($0.prefix(10)) <= period[1] }, "\(rows.prefix(3))")

        // The history's plan is labelled as such, and its draw replays bit for bit.
        let plans = try #require(
            try JSONSerialization.jsonObject(with: Data(try ctl("roster", "plans", "--format", "json").stdout.utf8)) as? [[String: Any]])
        #expect(plans.contains { ($0["reason"] as? String ?? "").hasPrefix("demo history") }, "\(plans)")
        for plan in plans {
            let id = try #require(plan["id"] as? Int)
            let verified = try ctl("draw", "verify", String(id))
            #expect(verified.status == 0, "plan \(id): \(verified.stdout)\(verified.stderr)")
        }
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
            return Self.plannedAhead(report?["shifts"] as? [[String: Any]] ?? [])
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

    /// Whether the live roster is planned: today's shifts of the seeded history have all
    /// ended, so a shift that has not is the live plan's.
    static func plannedAhead(_ shifts: [[String: Any]]) -> Bool {
        shifts.contains { (ISO8601DateFormatter().date(from: $0["end"] as? String ?? "") ?? .distantPast) > Date() }
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
