import Foundation
import InspectCalendar
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The rectification ledger through the real daemon and CLI: imports, updates with
/// history, escalation notices in the journal stream and the outbox exactly once —
/// across restarts, kill -9 and a full spool.
@Suite(.serialized, .timeLimit(.minutes(4)))
final class LedgerTests {
    let directory: String
    let socket: String
    let config: String
    var notify: NotifySocket
    var daemon: DaemonProcess?

    static let units = """
        id,name,kind,leader_name,leader_phone,contact_name,contact_phone
        env,生态环境局,department,王建国,13800001111,李娜,13900002222
        baihe,白河镇,locality,陈明,13800005555,周洁,13900005555
        dongfeng,东风镇,locality,刘强,13800006666,孙丽,13900006666

        """

    init() throws {
        directory = try DaemonHarness.scratchDirectory()
        config = try DaemonHarness.writeConfig(
            in: directory,
            extra: """

                [notices]
                outbox_directory = "\(directory)/outbox"
                templates_directory = "\(directory)/templates"

                [contacts]
                hq_office = { name = "指挥部办公室", phone = "022-11111111", email = "office@example.gov.cn" }
                """)
        socket = directory + "/inspectd.sock"
        notify = try NotifySocket(path: directory + "/notify")
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func start(wrappedIn wrapper: [String] = []) throws {
        notify.reset()
        let arguments = wrapper + [DaemonHarness.binary("inspectd"), "--config", config]
        daemon = try DaemonProcess(arguments[0], Array(arguments.dropFirst()), environment: ["NOTIFY_SOCKET": notify.path])
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
        try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", socket] + arguments)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    var today: CivilDate { DistrictTimeZone.chinaStandardTime.date(atUTC: Int64(Date().timeIntervalSince1970)) }

    /// Cases whose deadlines passed weeks ago: every rung of the ladder is due at once.
    func overdueCases(_ count: Int, firstNumber: Int = 1) -> String {
        var lines = ["id,title,source,category,unit,person,phone,deadline,status,milestones"]
        for number in firstNumber..<(firstNumber + count) {
            let deadline = today.adding(days: -30 - number % 5)
            lines.append(
                "C-\(number),河道排污口整治\(number),complaint,水源地,\(number % 2 == 0 ? "baihe" : "dongfeng"),张伟,13800000001,\(deadline),open,"
                    + "制定方案@\(deadline.adding(days: -10))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func noticeIDs() throws -> [String] {
        let listed = try ctl("notices", "--limit", "100000", "--format", "json")
        guard let array = try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] else {
            try? listed.stdout.write(toFile: "/tmp/inspectd-notices-failed.json", atomically: true, encoding: .utf8)
            throw HarnessError("inspectctl notices failed (\(listed.status)): \(listed.stderr.prefix(300)) \(listed.stdout.prefix(200))")
        }
        return array.compactMap { $0["id"] as? String }
    }

    func outboxFiles(root: String = "") -> [String] {
        let outbox = root + directory + "/outbox"
        let new = (try? FileManager.default.contentsOfDirectory(atPath: outbox + "/new")) ?? []
        let cur = (try? FileManager.default.contentsOfDirectory(atPath: outbox + "/cur")) ?? []
        return (new + cur).filter { $0.hasSuffix(".json") }
    }

    func pendingCount() throws -> Int {
        let listed = try ctl("notices", "--pending", "--limit", "100000", "--format", "json")
        return (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [Any])?.count ?? -1
    }

    @Test func casesAreImportedAllOrNothingAndChangedWithHistory() throws {
        try start()
        #expect(try ctl("import", "units", try write("units.csv", Self.units)).status == 0)
        let bad = """
            id,title,source,category,unit,person,phone,deadline,status
            C-1,砂石厂扬尘,patrol,大气,baihe,张伟,13800000001,2026-12-31,open
            C-2,违建,rumour,违章建筑,nowhere,李强,13800000002,2026-13-01,open

            """
        let rejected = try ctl("cases", "import", try write("bad.csv", bad))
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("bad.csv:3"))
        #expect(rejected.stderr.contains("source"))
        #expect(rejected.stderr.contains("deadline"))
        let none = try ctl("cases", "list", "--format", "json")
        #expect((try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [Any])?.isEmpty == true, "nothing of a rejected file")

        let good = "id,title,source,category,unit,person,phone,deadline,status\nC-1,砂石厂扬尘,patrol,大气,baihe,张伟,13800000001,\(today.adding(days: 20)),open\n"
        let imported = try ctl("cases", "import", try write("good.csv", good))
        #expect(imported.status == 0, "\(imported.stderr)")
        let closing = try ctl("cases", "update", "C-1", "--status", "closed")
        #expect(closing.status == 1)
        #expect(closing.stderr.contains("verified"), "\(closing.stderr)")
        #expect(try ctl("cases", "update", "C-1", "--status", "rectified", "--note", "已完成苫盖").status == 0)
        let shown = try ctl("cases", "show", "C-1", "--format", "json")
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let history = try #require(detail["history"] as? [[String: Any]])
        #expect(history.count == 2)
        #expect(history.last?["to_status"] as? String == "rectified")
        #expect(history.last?["note"] as? String == "已完成苫盖")
        #expect(history.last?["uid"] as? Int == Int(getuid()))
        let added = try ctl(
            "cases", "add", "--id", "C-2", "--title", "排污口", "--source", "media", "--category", "水源地", "--unit", "dongfeng",
            "--person", "李强", "--phone", "13800000002", "--deadline", today.adding(days: 5).description)
        #expect(added.status == 0, "\(added.stderr)")
        let again = try ctl(
            "cases", "add", "--id", "C-2", "--title", "排污口", "--source", "media", "--category", "水源地", "--unit", "dongfeng",
            "--person", "李强", "--phone", "13800000002", "--deadline", today.adding(days: 5).description)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already in the ledger"))
    }

    @Test func overdueCasesEscalateOnceAndSurviveRestarts() throws {
        try start()
        #expect(try ctl("import", "units", try write("units.csv", Self.units)).status == 0)
        #expect(try ctl("cases", "import", try write("cases.csv", overdueCases(6))).status == 0)
        var ids: [String] = []
        let settled = DaemonHarness.wait(seconds: 15) {
            ids = (try? noticeIDs()) ?? []
            return !ids.isEmpty && (try? pendingCount()) == 0 && outboxFiles().count == ids.count
        }
        #expect(settled, "notices: \(ids.count), files: \(outboxFiles().count)")
        // Per case: overdue, supervision, summons and accountability (the reminders before
        // dates long past are moot); plus the summons of both lagging towns.
        let kinds = try #require(try JSONSerialization.jsonObject(with: Data(try ctl("notices", "--format", "json", "--limit", "1000").stdout.utf8)) as? [[String: Any]])
        #expect(kinds.filter { $0["kind"] as? String == "supervision" }.count == 6)
        #expect(kinds.filter { $0["kind"] as? String == "summons" && $0["case"] as? String == nil }.count == 2)
        #expect(kinds.filter { $0["kind"] as? String == "reminder" }.isEmpty)
        #expect(Set(outboxFiles()) == Set(ids.map { $0 + ".json" }))
        let sample = try Data(contentsOf: URL(fileURLWithPath: directory + "/outbox/new/" + ids[0] + ".json"))
        let object = try #require(try JSONSerialization.jsonObject(with: sample) as? [String: Any])
        for key in ["id", "kind", "created", "recipients", "subject", "body", "data"] { #expect(object[key] != nil, "\(key)") }
        #expect(object["id"] as? String == ids[0])
        let log = daemon?.stderrText() ?? ""
        #expect(log.contains("event=notice"))

        stop()
        try start()
        Thread.sleep(forTimeInterval: 2)
        #expect(try noticeIDs().count == ids.count, "a restart decides nothing twice")
        #expect(outboxFiles().count == ids.count)
        let lagging = try ctl("units", "lagging", "--format", "json")
        let standings = try #require(try JSONSerialization.jsonObject(with: Data(lagging.stdout.utf8)) as? [[String: Any]])
        #expect(standings.first?["lagging"] as? Bool == true)

        // A rectified case cannot be sent back to open by re-importing the old file.
        #expect(try ctl("cases", "update", "C-1", "--status", "rectified").status == 0)
        let reimport = try ctl("cases", "import", directory + "/cases.csv")
        #expect(reimport.status == 1)
        #expect(reimport.stderr.contains("cases.csv:2") && reimport.stderr.contains("status"), "\(reimport.stderr)")
        #expect(try ctl("cases", "list", "--overdue", "--format", "json").stdout.contains("\"C-1\"") == false)
    }

    /// Plays the delivery gateway: takes files from new/, moving some to cur/ and deleting
    /// the others, and notes any file it sees twice.
    final class Gateway: @unchecked Sendable {
        let outbox: String
        private let lock = NSLock()
        private var deleted = Set<String>()
        private var seenTwice: [String] = []
        private var running = true
        private var thread: Thread?

        init(outbox: String) {
            self.outbox = outbox
        }

        func start() {
            let thread = Thread { [self] in
                while lock.withLock({ running }) {
                    take()
                    usleep(20_000)
                }
            }
            self.thread = thread
            thread.start()
        }

        func take() {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: outbox + "/new")) ?? []).filter { $0.hasSuffix(".json") }
            for name in names {
                lock.withLock {
                    if deleted.contains(name) || FileManager.default.fileExists(atPath: outbox + "/cur/" + name) { seenTwice.append(name) }
                }
                if name.utf8.reduce(0, { $0 &+ Int($1) }) % 3 == 0 {
                    if unlink(outbox + "/new/" + name) == 0 { lock.withLock { _ = deleted.insert(name) } }
                } else {
                    _ = rename(outbox + "/new/" + name, outbox + "/cur/" + name)
                }
            }
        }

        func stop() -> (deleted: Set<String>, seenTwice: [String]) {
            lock.withLock { running = false }
            while thread?.isFinished == false { usleep(10_000) }
            take()
            return lock.withLock { (deleted, seenTwice) }
        }
    }

    @Test func killNineAtAnyMomentLosesAndDoublesNothing() throws {
        try FileManager.default.createDirectory(atPath: directory + "/outbox/new", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/outbox/cur", withIntermediateDirectories: true)
        let gateway = Gateway(outbox: directory + "/outbox")
        gateway.start()
        try start()
        #expect(try ctl("import", "units", try write("units.csv", Self.units)).status == 0)
        #expect(try ctl("cases", "import", try write("cases.csv", overdueCases(400))).status == 0)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<8 {
            usleep(UInt32.random(in: 20_000...400_000, using: &generator))
            daemon?.signal(SIGKILL)
            _ = daemon?.waitForExit(seconds: 5)
            daemon = nil
            try start()
        }
        var ids: [String] = []
        var lastError = ""
        let settled = DaemonHarness.wait(seconds: 60) {
            do {
                ids = try noticeIDs()
            } catch {
                lastError = "\(error)"
            }
            return ids.count >= 400 * 4 && (try? pendingCount()) == 0
        }
        #expect(settled, "notices: \(ids.count), pending: \((try? pendingCount()) ?? -1), \(lastError)")
        let (deleted, seenTwice) = gateway.stop()
        #expect(seenTwice.isEmpty, "files delivered twice: \(seenTwice.prefix(5))")
        let files = outboxFiles()
        #expect(files.count + deleted.count == ids.count, "every decided notice reached the gateway once")
        #expect(Set(files).union(deleted) == Set(ids.map { $0 + ".json" }))
        #expect(Set(files).isDisjoint(with: deleted))
        #expect(!deleted.isEmpty && !files.isEmpty, "the gateway both moved and deleted files")
        let temporary = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/outbox/tmp")) ?? []
        #expect(temporary.isEmpty, "no half-written files left: \(temporary.prefix(3))")
    }

    @Test func templatesCanBeReplacedAndABrokenOneIsRefusedAtReload() throws {
        try FileManager.default.createDirectory(atPath: directory + "/templates", withIntermediateDirectories: true)
        try "督办：{{unit.name}} 的 {{case.id}} 已逾期 {{days_overdue}} 天。\n"
            .write(toFile: directory + "/templates/supervision.body.mustache", atomically: true, encoding: .utf8)
        try start()
        #expect(try ctl("import", "units", try write("units.csv", Self.units)).status == 0)
        #expect(try ctl("cases", "import", try write("cases.csv", overdueCases(1, firstNumber: 7))).status == 0)
        var body = ""
        _ = DaemonHarness.wait(seconds: 15) {
            let files = outboxFiles()
            for file in files {
                guard let data = FileManager.default.contents(atPath: directory + "/outbox/new/" + file),
                    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["kind"] as? String == "supervision"
                else { continue }
                body = object["body"] as? String ?? ""
            }
            return !body.isEmpty
        }
        #expect(body.hasPrefix("督办：东风镇 的 C-7 已逾期 3"), "\(body)")

        try "督办：{{#case}}{{unit.name}}\n".write(toFile: directory + "/templates/supervision.body.mustache", atomically: true, encoding: .utf8)
        notify.reset()
        daemon?.signal(SIGHUP)
        _ = notify.waitFor(seconds: 10) { $0 == "READY=1" }
        let status = try #require(try JSONSerialization.jsonObject(with: Data(try ctl("status", "--format", "json").stdout.utf8)) as? [String: Any])
        let reload = try #require(status["last_reload"] as? [String: Any])
        #expect(reload["succeeded"] as? Bool == false)
        let messages = reload["messages"] as? [String] ?? []
        #expect(messages.contains { $0.contains("supervision.body.mustache:1:") }, "\(messages)")
    }

    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func aFullSpoolKeepsNoticesUntilItIsFreed() throws {
        try FileManager.default.createDirectory(atPath: directory + "/outbox", withIntermediateDirectories: true)
        let outbox = directory + "/outbox"
        // The daemon runs in a mount namespace of its own with the outbox on a 256 KiB
        // tmpfs that a filler file has all but used up.
        try start(wrappedIn: [
            "/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
            "mount -t tmpfs -o size=256k tmpfs \(outbox) && dd if=/dev/zero of=\(outbox)/filler bs=4k count=64 2>/dev/null; exec \"$0\" \"$@\"",
        ])
        let root = "/proc/\(daemon!.pid)/root"
        #expect(try ctl("import", "units", try write("units.csv", Self.units)).status == 0)
        #expect(try ctl("cases", "import", try write("cases.csv", overdueCases(10))).status == 0)
        var warnings: [String] = []
        let blocked = DaemonHarness.wait(seconds: 15) {
            let status = try? ctl("status", "--format", "json")
            let object = status.flatMap { try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [String: Any] }
            warnings = object?["warnings"] as? [String] ?? []
            return warnings.contains { $0.contains("outbox cannot be written") }
        }
        #expect(blocked, "\(warnings)")
        #expect(try pendingCount() > 0)
        let stderr = daemon?.stderrText() ?? ""
        #expect(stderr.components(separatedBy: "cannot write notices to the outbox").count == 2, "said once, not once per retry")
        notify.drain()
        #expect(notify.messages.contains { $0.contains("STATUS=") && $0.contains("outbox cannot be written") })

        // Free the spool: everything is delivered, once.
        #expect(unlink(root + outbox + "/filler") == 0)
        var ids: [String] = []
        let delivered = DaemonHarness.wait(seconds: 90) {
            ids = (try? noticeIDs()) ?? []
            return (try? pendingCount()) == 0
        }
        #expect(delivered)
        #expect(Set(outboxFiles(root: root)) == Set(ids.map { $0 + ".json" }))
        let finalLog = daemon?.stderrText() ?? ""
        #expect(finalLog.contains("can be written again"))
    }
}
