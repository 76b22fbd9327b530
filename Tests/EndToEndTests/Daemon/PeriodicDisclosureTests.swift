import Foundation
import InspectCalendar
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The periodic public disclosure through the real daemon: on its first start the latest
/// period's report is due at once (the default weekly cycle, written on Wednesdays at
/// 09:00 for the week before), so it appears in the default directory under the spool, as
/// CSV with a BOM and HTML, mode 0640 — and a restart writes nothing again.
@Suite(.serialized, .timeLimit(.minutes(2)))
final class PeriodicDisclosureTests {
    let directory: String
    let config: String
    var notify: NotifySocket
    var daemon: DaemonProcess?

    init() throws {
        directory = try DaemonHarness.scratchDirectory()
        config = try DaemonHarness.writeConfig(in: directory)
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

    func ctl(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
        try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", directory + "/inspectd.sock"] + arguments)
    }

    func stop() {
        daemon?.signal(SIGTERM)
        _ = daemon?.waitForExit(seconds: 10)
        daemon = nil
    }

    /// The ISO week (`2026-W47`) whose report is the latest due now: the week before this
    /// one from Wednesday 09:00 (China time), else the week before that.
    static func latestDueWeek() -> String {
        let zone = DistrictTimeZone.chinaStandardTime
        let now = Int64(Date().timeIntervalSince1970)
        let today = zone.date(atUTC: now)
        let thisMonday = today.adding(days: 1 - today.isoWeekday)
        let wednesday = zone.utcSeconds(fromLocal: Int64(thisMonday.adding(days: 2).daysSinceEpoch) * 86_400 + 9 * 3600)
        let monday = thisMonday.adding(days: now >= wednesday ? -7 : -14)
        let thursday = monday.adding(days: 3)
        let week = CivilDate(year: thursday.year, month: 1, day: 1)!.days(to: thursday) / 7 + 1
        return "\(thursday.year)-W\(week < 10 ? "0" : "")\(week)"
    }

    @Test func theLatestReportAppearsOnceInTheDefaultDirectory() throws {
        let publication = directory + "/disclosure"
        // The latest due week as computed before the start and at every look after it: a run
        // across Wednesday 09:00 (China time) may see the daemon write either.
        var weeks = [Self.latestDueWeek()]
        try start()
        func written(_ week: String) -> Bool {
            ["csv", "html"].allSatisfy { FileManager.default.fileExists(atPath: publication + "/disclosure-\(week).\($0)") }
        }
        var found: String?
        #expect(
            DaemonHarness.wait(seconds: 10) {
                let now = Self.latestDueWeek()
                if !weeks.contains(now) { weeks.append(now) }
                found = weeks.first(where: written)
                return found != nil
            },
            "no disclosure-\(weeks).csv/.html in \(publication): \((try? FileManager.default.contentsOfDirectory(atPath: publication)) ?? []); \(daemon?.stderrText() ?? "")")
        let week = try #require(found)
        let stem = "disclosure-" + week
        let csvPath = publication + "/" + stem + ".csv"
        let htmlPath = publication + "/" + stem + ".html"
        let csv = try #require(FileManager.default.contents(atPath: csvPath))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: csv.dropFirst(3), as: UTF8.self).hasPrefix("日期 date,企业名称 site,属地 locality,检查结果 result,处理措施 measures,批次 part\r\n"))
        let html = String(decoding: try #require(FileManager.default.contents(atPath: htmlPath)), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("测试区双随机抽查结果公示"))
        for path in [csvPath, htmlPath] {
            var info = stat()
            #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o640, "\(path) mode \(String(info.st_mode & 0o777, radix: 8))")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: publication).sorted() == [stem + ".csv", stem + ".html"], "no temporary file left")
        #expect(DaemonHarness.wait(seconds: 5) { self.daemon?.stderrText().contains("public disclosure \(week)") ?? false })
        var before = stat()
        stat(csvPath, &before)
        stop()

        // The gateway took the HTML away; a restart neither rewrites the CSV nor brings the HTML back.
        try FileManager.default.removeItem(atPath: htmlPath)
        try start()
        Thread.sleep(forTimeInterval: 3)
        var after = stat()
        #expect(stat(csvPath, &after) == 0 && after.st_ino == before.st_ino && after.st_mtim.tv_sec == before.st_mtim.tv_sec)
        #expect(!FileManager.default.fileExists(atPath: htmlPath))
        #expect(!(daemon?.stderrText().contains("public disclosure") ?? true), "\(daemon?.stderrText() ?? "")")
    }

    @Test func aDirectoryThatCannotBeWrittenIsAWarningInTheStatus() throws {
        // A file where the directory should be: the daemon cannot create it.
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: directory + "/disclosure"))
        try start()
        var warning = ""
        #expect(
            DaemonHarness.wait(seconds: 10) {
                warning = (try? self.ctl("status"))?.stdout ?? ""
                return warning.contains("disclosure")
            }, "no disclosure warning in the status: \(warning)")
        #expect(warning.contains(directory + "/disclosure"), "the warning names the path: \(warning)")
        #expect(daemon?.stderrText().contains("the public disclosure could not be written") == true)
        #expect(daemon?.process.isRunning == true, "a disclosure that cannot be written does not stop the daemon")
    }
}
