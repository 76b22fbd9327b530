import Foundation
import InspectCalendar
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Reminders of unrecorded visits through the real daemon: shifts that ended in the past
/// are put into its stopped database (`Scripts/store-past-shift.py`: the daemon has no
/// clock to turn), then the started daemon sends one `visit_reminder` to the team of a
/// shift ended 40 hours ago, listing only its unrecorded visit, to the journal stream and
/// the outbox — nothing for a shift ended before the catch-up window, and nothing again
/// after a restart.
@Suite(.serialized, .timeLimit(.minutes(3)))
final class UnrecordedVisitTests {
    let directory: String
    let config: String
    var notify: NotifySocket
    var daemon: DaemonProcess?
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/store-past-shift.py").path

    init() throws {
        directory = try DaemonHarness.scratchDirectory()
        config = try DaemonHarness.writeConfig(
            in: directory,
            extra: """

                [notices]
                outbox_directory = "\(directory)/outbox"
                """)
        notify = try NotifySocket(path: directory + "/notify")
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func start() throws {
        notify.reset()
        daemon = try DaemonProcess(DaemonHarness.binary("inspectd"), ["--config", config], environment: ["NOTIFY_SOCKET": notify.path])
        guard notify.waitFor(seconds: 10, { $0 == "READY=1" }) != nil else {
            throw HarnessError("the daemon did not become ready: \(daemon?.stderrText() ?? "")")
        }
    }

    func stop() {
        daemon?.signal(SIGTERM)
        _ = daemon?.waitForExit(seconds: 10)
        daemon = nil
    }

    func ctl(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
        try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", directory + "/inspectd.sock"] + arguments)
    }

    func importFile(_ kind: String, _ text: String) throws {
        let path = directory + "/" + kind + ".csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ctl("import", kind, path)
        guard result.status == 0 else { throw HarnessError("import \(kind) failed: \(result.stderr)") }
    }

    /// Stores a team of I01 and I02 visiting S01 and S02 whose shift ended `hoursAgo` hours
    /// ago; `recorded` are the positions with a result. Returns the team's id.
    func storePastShift(endedHoursAgo hoursAgo: Int64, recorded: String) throws -> String {
        let ends = Int64(Date().timeIntervalSince1970) - hoursAgo * 3600
        let date = DistrictTimeZone.chinaStandardTime.date(atUTC: ends - 4 * 3600)
        let team = "\(date)/day/district/1"
        let result = try DaemonHarness.run(
            "/usr/bin/env",
            [
                "python3", Self.script, directory + "/inspectd.sqlite", team, date.description, "\(ends - 4 * 3600)", "\(ends)", "I01,I02",
                "S01:baihe:A,S02:baihe:B", recorded,
            ])
        guard result.status == 0 else { throw HarnessError("store-past-shift.py failed: \(result.stderr)") }
        return team
    }

    func outboxNotices() -> [[String: Any]] {
        let new = directory + "/outbox/new"
        return ((try? FileManager.default.contentsOfDirectory(atPath: new)) ?? []).sorted().compactMap { name in
            FileManager.default.contents(atPath: new + "/" + name).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        }
    }

    func reminders() -> [[String: Any]] {
        outboxNotices().filter { ($0["kind"] as? String)?.hasPrefix("visit_") ?? false }
    }

    @Test func oneReminderToTheTeamOfARecentShiftAndNoneAgain() throws {
        try start()
        try importFile(
            "units",
            """
            id,name,kind,leader_name,leader_phone,contact_name,contact_phone
            env,生态环境局,department,王局长,13800001111,李娜,13900002222
            police,公安分局,department,赵局长,13800003333,钱明,13900004444
            baihe,白河镇,locality,陈明,13800005555,周洁,13900005555

            """)
        try importFile(
            "inspectors",
            """
            id,name,department,certified,home_locality,phone
            I01,张三,env,yes,,13700000001
            I02,李四,police,yes,,13700000002

            """)
        try importFile(
            "sites",
            """
            id,name,locality,kind,risk,rain_sensitive,night_sensitive
            S01,城东砖厂,baihe,重点企业,A,no,no
            S02,河口排污口,baihe,入河排污口,B,yes,no

            """)
        stop()
        // 40 hours ago: the team's reminder is due (12 h), the leaders' not yet (48 h).
        let recent = try storePastShift(endedHoursAgo: 40, recorded: "0")
        // 100 hours ago: before the three-day catch-up window, never reminded.
        let old = try storePastShift(endedHoursAgo: 100, recorded: "")
        try start()

        #expect(
            DaemonHarness.wait(seconds: 15) { !self.reminders().isEmpty },
            "no reminder in the outbox: \(outboxNotices().map { $0["kind"] ?? "?" }); \(daemon?.stderrText() ?? "")")
        Thread.sleep(forTimeInterval: 1)
        let found = reminders()
        #expect(found.count == 1, "\(found)")
        let reminder = try #require(found.first)
        #expect(reminder["kind"] as? String == "visit_reminder")
        let recipients = (reminder["recipients"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(recipients == ["张三", "李四"])
        let data = try #require(reminder["data"] as? [String: Any])
        let visits = (data["visits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(visits == ["\(recent)#2"], "only the unrecorded visit: \(visits)")
        #expect((reminder["subject"] as? String)?.hasPrefix("【检查结果录入提醒】") == true)
        #expect(!"\(reminder)".contains(old))
        // The journal entry (here on stderr, as key=value) names the shift: INSPECTD_SHIFT under journald.
        #expect(daemon?.stderrText().contains("shift=\(recent)") == true, "\(daemon?.stderrText() ?? "")")

        let listed = try ctl("notices", "--kind", "visit_reminder", "--format", "json")
        #expect(listed.status == 0 && listed.stdout.contains(reminder["id"] as? String ?? "?"), "\(listed.stdout)\(listed.stderr)")

        // A restart decides nothing again.
        stop()
        try start()
        Thread.sleep(forTimeInterval: 3)
        #expect(reminders().count == 1)
        let again = try ctl("notices", "--kind", "visit_reminder", "--format", "json")
        let ids = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [[String: Any]])
        #expect(ids.count == 1, "\(again.stdout)")
    }
}
