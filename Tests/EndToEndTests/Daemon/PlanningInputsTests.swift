import Foundation
import InspectCalendar
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The calendar and the weather through the real daemon and CLI: the official day kinds,
/// the warning about a horizon past the official calendar, drop-in calendar files with
/// reload, and forecasts picked up from the watched drop directory.
@Suite(.serialized, .timeLimit(.minutes(2)))
final class PlanningInputsTests {
    let directory: String
    let socket: String
    let config: String
    let notify: NotifySocket
    let daemon: DaemonProcess

    init() throws {
        directory = try DaemonHarness.scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/calendar.d", withIntermediateDirectories: true)
        // A 366-day horizon reaches past the built-in calendar from any date in 2026.
        config = try DaemonHarness.writeConfig(
            in: directory,
            extra: """

                [calendar]
                directory = "\(directory)/calendar.d"

                [roster]
                horizon_days = 366
                """)
        socket = directory + "/inspectd.sock"
        notify = try NotifySocket(path: directory + "/notify")
        daemon = try DaemonProcess(DaemonHarness.binary("inspectd"), ["--config", config], environment: ["NOTIFY_SOCKET": notify.path])
        guard notify.waitFor(seconds: 10, { $0 == "READY=1" }) != nil else { throw HarnessError("the daemon did not become ready") }
    }

    deinit {
        daemon.signal(SIGTERM)
        _ = daemon.waitForExit(seconds: 5)
        try? FileManager.default.removeItem(atPath: directory)
    }

    func ctl(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
        try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", socket] + arguments)
    }

    func statusJSON() throws -> [String: Any] {
        let result = try ctl("status", "--format", "json")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func reload() {
        notify.reset()
        daemon.signal(SIGHUP)
        _ = notify.waitFor(seconds: 10) { $0 == "READY=1" }
    }

    @Test func theCalendarCommandGivesTheOfficialKindOfEveryDateOf2025And2026() throws {
        let result = try ctl("calendar", "--from", "2025-01-01", "--to", "2026-12-31", "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 730)
        // The library's day kinds are checked date by date against the State Council
        // notices in InspectCalendarTests; here: the same answer arrives through the API.
        let expected = HolidayCalendar.builtIn.days(from: CivilDate(iso: "2025-01-01")!, through: CivilDate(iso: "2026-12-31")!)
        for (row, day) in zip(rows, expected) {
            #expect(row["date"] as? String == day.date.description)
            #expect(row["kind"] as? String == day.kind.rawValue, "\(day.date)")
            #expect((row["name"] as? String) == day.name, "\(day.date)")
            #expect(row["provisional"] as? Bool == false)
        }
        #expect(rows.filter { $0["kind"] as? String == "makeup_workday" }.count == 11)
        #expect(rows.first { $0["date"] as? String == "2026-10-10" }?["kind"] as? String == "makeup_workday")
        #expect(result.stderr.isEmpty, "no warning for an official range: \(result.stderr)")

        let csv = try ctl("calendar", "--from", "2026-02-14", "--to", "2026-02-15", "--format", "csv")
        #expect(csv.stdout.hasPrefix("date,kind,name,provisional,in_lieu,source\r\n2026-02-14,makeup_workday,春节,false,false,"))
        let bad = try ctl("calendar", "--from", "2026-13-01")
        #expect(bad.status == 64)
        let backwards = try ctl("calendar", "--from", "2026-12-01", "--to", "2026-11-01")
        #expect(backwards.status == 1)
        #expect(backwards.stderr.contains("is after"))
    }

    @Test func aHorizonPastTheOfficialCalendarIsWarnedAboutUntilTheYearIsAdded() throws {
        let warnings = try #require(try statusJSON()["warnings"] as? [String])
        let warning = try #require(warnings.first { $0.contains("past the official holiday calendar") })
        #expect(warning.contains("dates from 2027-01-01 are provisional"))
        #expect(warning.contains("\(directory)/calendar.d/2027.tsv"))
        #expect(notify.messages.contains { $0.contains("STATUS=") && $0.contains("past the official holiday calendar") })
        let table = try ctl("status")
        #expect(table.stdout.contains("WARNING"))
        let provisional = try ctl("calendar", "--from", "2027-02-05", "--to", "2027-02-05", "--format", "json")
        #expect(provisional.stdout.contains("\"provisional\" : true"))
        #expect(provisional.stderr.contains("provisional"))
        #expect(daemon.stderrText().components(separatedBy: "past the official holiday calendar").count == 2, "warned once")

        // The operator adds the 2027 schedule and reloads: the warning goes.
        try """
            date\tkind\tname\tname_zh\tin_lieu
            2027-01-01\tholiday\tNew Year's Day\t元旦\tno
            2027-02-20\tmakeup_workday\tSpring Festival\t春节\t-
            2027-02-05\tholiday\tSpring Festival\t春节\tno

            """.write(toFile: directory + "/calendar.d/2027.tsv", atomically: true, encoding: .utf8)
        reload()
        let after = try ctl("calendar", "--from", "2027-02-20", "--to", "2027-02-20", "--format", "json")
        #expect(after.stdout.contains("\"kind\" : \"makeup_workday\""))
        #expect(after.stdout.contains("\"provisional\" : false"))
        let cleared = try #require(try statusJSON()["warnings"] as? [String])
        #expect(!cleared.contains { $0.contains("past the official holiday calendar") }, "\(cleared)")
        #expect(daemon.stderrText().contains("covered by the official holiday calendar again"))

        // A broken file is refused with file and line; the calendar in force stays.
        try "date\tkind\tname\tname_zh\tin_lieu\n2028-02-30\tholiday\tSpring Festival\t春节\tno\n"
            .write(toFile: directory + "/calendar.d/2028.tsv", atomically: true, encoding: .utf8)
        reload()
        let status = try statusJSON()
        let lastReload = try #require(status["last_reload"] as? [String: Any])
        #expect(lastReload["succeeded"] as? Bool == false)
        let messages = try #require(lastReload["messages"] as? [String])
        #expect(messages.contains { $0.contains("2028.tsv:2") && $0.contains("2028-02-30") })
        let still = try ctl("calendar", "--from", "2027-02-20", "--to", "2027-02-20", "--format", "json")
        #expect(still.stdout.contains("\"kind\" : \"makeup_workday\""))

        // Both reloads — rule changes without an API caller — are in the audit trail.
        let trail = try ctl("audit", "--format", "json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(trail.stdout.utf8)) as? [[String: Any]], "\(trail.stderr)")
        let reloads = entries.filter { $0["action"] as? String == "reload" && $0["role"] as? String == "system" }
        #expect(reloads.compactMap { $0["outcome"] as? Int }.sorted() == [200, 422], "\(reloads)")
    }

    /// An Open-Meteo answer for the next 48 hours with rain from 18:00 tomorrow to 02:00
    /// the day after, in Asia/Shanghai wall-clock time.
    static func openMeteo(now: Date = Date()) -> String {
        let zone = DistrictTimeZone.chinaStandardTime
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let today = zone.date(atUTC: nowSeconds)
        let first = zone.startOfDay(today)
        let rainFrom = zone.startOfDay(today.adding(days: 1)) + 18 * 3600
        var times: [String] = []
        var millimetres: [String] = []
        var probabilities: [String] = []
        for hour in 1...72 {
            let end = first + Int64(hour) * 3600
            let local = zone.iso8601(utcSeconds: end)
            times.append("\"\(local.prefix(16))\"")
            let raining = end > rainFrom && end <= rainFrom + 8 * 3600
            millimetres.append(raining ? "1.6" : "0.0")
            probabilities.append(raining ? "85" : "10")
        }
        return """
            {"latitude":39.1,"longitude":117.2,"generationtime_ms":0.05,"utc_offset_seconds":28800,
             "timezone":"Asia/Shanghai","timezone_abbreviation":"GMT+8","elevation":5.0,
             "hourly_units":{"time":"iso8601","precipitation":"mm","precipitation_probability":"%"},
             "hourly":{"time":[\(times.joined(separator: ","))],
                       "precipitation":[\(millimetres.joined(separator: ","))],
                       "precipitation_probability":[\(probabilities.joined(separator: ","))]}}
            """
    }

    /// Writes a file into the drop directory the way a cron job should: elsewhere, then rename.
    func drop(_ name: String, _ text: String) throws {
        let inbox = directory + "/weather-inbox"
        let temporary = inbox + "/." + name
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, inbox + "/" + name) == 0 else { throw HarnessError("rename failed") }
    }

    func weather() throws -> [String: Any] {
        let result = try ctl("weather", "--format", "json")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func aForecastDroppedIntoTheWatchedDirectoryBecomesRainPeriods() throws {
        #expect((try weather()["rain_periods"] as? [Any])?.isEmpty == true)
        try drop("openmeteo-1.json", Self.openMeteo())
        var periods: [[String: Any]] = []
        let arrived = DaemonHarness.wait(seconds: 8) {
            periods = (try? weather()["rain_periods"] as? [[String: Any]]) ?? []
            return !periods.isEmpty
        }
        #expect(arrived, "the dropped forecast did not show up in inspectctl weather")
        // 18:00–02:00 touches the evening period (16:00–24:00) and the night (00:00–08:00).
        #expect(periods.map { $0["period"] as? String } == ["evening", "night"])
        #expect(periods.allSatisfy { $0["file"] as? String == "openmeteo-1.json" })
        #expect(periods.first?["probability_percent"] as? Double == 85)
        #expect(periods.first?["precipitation_mm"] as? Double == 9.6)
        let done = try FileManager.default.contentsOfDirectory(atPath: directory + "/weather-inbox/done")
        #expect(done.contains { $0.hasSuffix("-openmeteo-1.json") })
        let trail = try ctl("audit", "--format", "json")
        #expect(trail.stdout.contains("drop forecast") && trail.stdout.contains("openmeteo-1.json"), "\(trail.stdout.prefix(500))")
        #expect(daemon.stderrText().contains("rain periods changed"))

        // A broken forecast is set aside with its reasons; the rain periods stay.
        let truncated = String(Self.openMeteo().dropLast(40))
        try drop("openmeteo-2.json", truncated)
        var failed: [String] = []
        _ = DaemonHarness.wait(seconds: 8) {
            failed = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/weather-inbox/failed")) ?? []
            return failed.contains { $0.hasSuffix(".error") }
        }
        let errorFile = try #require(failed.first { $0.hasSuffix("openmeteo-2.json.error") })
        let reasons = try String(contentsOfFile: directory + "/weather-inbox/failed/" + errorFile, encoding: .utf8)
        #expect(reasons.hasPrefix("openmeteo-2.json:"))
        #expect((try weather()["rain_periods"] as? [Any])?.count == 2)
        let warnings = try #require(try statusJSON()["warnings"] as? [String])
        #expect(warnings.contains { $0.contains("openmeteo-2.json") && $0.contains("rejected") })

        // The CLI import of a CSV that withdraws the rain for those hours replaces it.
        let zone = DistrictTimeZone.chinaStandardTime
        let tomorrow = zone.startOfDay(zone.date(atUTC: Int64(Date().timeIntervalSince1970)).adding(days: 1))
        let csv = "start,end,precipitation_mm,probability\n"
            + "\(zone.iso8601(utcSeconds: tomorrow + 16 * 3600)),\(zone.iso8601(utcSeconds: tomorrow + 32 * 3600)),0,5\n"
        let path = directory + "/dry.csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let imported = try ctl("weather", "import", path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("0 added, 2 removed"))
        #expect((try weather()["rain_periods"] as? [Any])?.isEmpty == true)
        let warningsAfter = try #require(try statusJSON()["warnings"] as? [String])
        #expect(!warningsAfter.contains { $0.contains("rejected") })

        let broken = directory + "/broken.csv"
        try "start,end,precipitation_mm,probability\n2026-13-01T00:00+08:00,x,-1,150\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let refused = try ctl("weather", "import", broken)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("broken.csv:2"))
        #expect(refused.stderr.contains("previous forecast stays in force"))
    }
}
