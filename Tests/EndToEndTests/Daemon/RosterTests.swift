import Foundation
import InspectCalendar
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The rolling roster through the real daemon and CLI: planned at start by the rules in
/// the config, re-planned when leave is added (only that person's shifts change), when
/// rain is forecast (extra teams) and by hand (pins); every plan's draw replays bit for
/// bit; notices reach the outbox.
@Suite(.serialized, .timeLimit(.minutes(4)))
final class RosterTests {
    let directory: String
    let socket: String
    let config: String
    let notify: NotifySocket
    var daemon: DaemonProcess?

    static let departments = ["env", "police", "urban", "water"]
    static let localities = ["l1", "l2", "l3", "l4"]

    init() throws {
        directory = try DaemonHarness.scratchDirectory()
        config = try DaemonHarness.writeConfig(
            in: directory,
            extra: """

                [roster]
                horizon_days = 14
                zones = [
                  { id = "north", name = "北片", localities = ["l1", "l2"] },
                  { id = "south", name = "南片", localities = ["l3", "l4"] },
                ]
                coverage = [
                  { zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 },
                  { zone = "*", period = "evening", workday = 1, restday = 1, holiday = 1, rain_extra = 1 },
                  { zone = "*", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
                ]

                [teams]
                size = 3
                min_departments = 2
                min_certified = 2
                required_departments = [{ period = "night", departments = ["police"] }]

                [visits]
                per_team = 3
                release_lead_minutes = 60

                [notices]
                outbox_directory = "\(directory)/outbox"
                """)
        socket = directory + "/inspectd.sock"
        notify = try NotifySocket(path: directory + "/notify")
    }

    deinit {
        daemon?.signal(SIGTERM)
        _ = daemon?.waitForExit(seconds: 10)
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
        try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", socket] + arguments)
    }

    func json(_ arguments: String...) throws -> Any {
        let result = try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", socket] + arguments + ["--format", "json"])
        guard result.status == 0, let value = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) else {
            throw HarnessError("inspectctl \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr) \(result.stdout.prefix(300))")
        }
        return value
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// 60 inspectors over four departments (police: 15), seven in eight certified, homes
    /// spread over the localities; 48 sites.
    func importDirectory() throws {
        var units = ["id,name,kind,leader_name,leader_phone,contact_name,contact_phone"]
        for (index, id) in (Self.departments + Self.localities).enumerated() {
            let kind = index < Self.departments.count ? "department" : "locality"
            units.append("\(id),单位\(id),\(kind),领导\(index),1380000\(String(format: "%04d", index)),联络员\(index),1390000\(String(format: "%04d", index))")
        }
        var inspectors = ["id,name,department,certified,home_locality,phone"]
        for number in 0..<60 {
            let department = Self.departments[number % 4]
            let home = number % 5 == 0 ? "" : Self.localities[number % 4]
            inspectors.append("I\(String(format: "%02d", number)),检查员\(number),\(department),\(number % 8 != 7 ? "yes" : "no"),\(home),1370000\(String(format: "%04d", number))")
        }
        var sites = ["id,name,locality,kind,risk,rain_sensitive,night_sensitive"]
        for number in 0..<48 {
            let risk = ["A", "B", "C", "C"][number % 4]
            sites.append("S\(String(format: "%02d", number)),企业\(number),\(Self.localities[number % 4]),重点企业,\(risk),\(number % 3 == 0 ? "yes" : "no"),\(number % 2 == 0 ? "yes" : "no")")
        }
        for (kind, lines) in [("units", units), ("inspectors", inspectors), ("sites", sites)] {
            let result = try ctl("import", kind, try write("\(kind).csv", lines.joined(separator: "\n") + "\n"))
            guard result.status == 0 else { throw HarnessError("import \(kind) failed: \(result.stderr)") }
        }
    }

    func roster(_ extra: String...) throws -> [String: Any] {
        let result = try DaemonHarness.run(
            DaemonHarness.binary("inspectctl"), ["--socket", socket, "roster", "--format", "json"] + extra)
        guard result.status == 0, let value = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw HarnessError("inspectctl roster failed (\(result.status)): \(result.stderr)")
        }
        return value
    }

    func shifts(_ report: [String: Any]) -> [[String: Any]] { report["shifts"] as? [[String: Any]] ?? [] }

    func members(_ shift: [String: Any]) -> [[String: Any]] { shift["members"] as? [[String: Any]] ?? [] }

    /// Waits until the roster answers `condition` (the service plans in the background).
    func waitForRoster(_ what: String, _ condition: ([String: Any]) -> Bool) throws -> [String: Any] {
        var report: [String: Any] = [:]
        _ = DaemonHarness.wait(seconds: 20) {
            report = (try? roster()) ?? [:]
            return condition(report)
        }
        guard condition(report) else { throw HarnessError("the roster never showed \(what): \(report)") }
        return report
    }

    /// Waits until the plan made after the sites were imported is in (visits drawn).
    func waitForDirectoryPlans() throws -> [String: Any] {
        try waitForRoster("the plan after the sites import") {
            (($0["plan"] as? [String: Any])?["reason"] as? String ?? "").contains("sites imported")
        }
    }

    /// Waits until the roster's newest plan is past `plan` (the service plans in the background).
    func waitForPlan(after plan: Int64) throws -> [String: Any] {
        var report: [String: Any] = [:]
        _ = DaemonHarness.wait(seconds: 20) {
            report = (try? roster()) ?? [:]
            return ((report["plan"] as? [String: Any])?["id"] as? Int64 ?? 0) > plan
        }
        guard ((report["plan"] as? [String: Any])?["id"] as? Int64 ?? 0) > plan else { throw HarnessError("no plan after \(plan)") }
        return report
    }

    @Test func theRosterIsPlannedByTheRulesAndReplannedWithMinimalChange() throws {
        try start()
        try importDirectory()
        let report = try waitForDirectoryPlans()
        let all = shifts(report)
        #expect(!all.isEmpty)
        let inspectorsByID = Dictionary(
            uniqueKeysWithValues: (try json("inspectors") as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0) })

        // Every team: three people, two departments, two certified, police at night,
        // its zone's visits (an admin sees them), none in a member's home locality.
        for shift in all {
            let people = members(shift)
            #expect(people.count == 3, "\(shift["id"] ?? "")")
            #expect(Set(people.compactMap { $0["department"] as? String }).count >= 2)
            #expect(people.filter { $0["certified"] as? Bool == true }.count >= 2)
            if shift["period"] as? String == "night" {
                #expect(people.contains { $0["department"] as? String == "police" }, "\(shift["id"] ?? "")")
            }
            let zoneLocalities: Set<String> = shift["zone"] as? String == "north" ? ["l1", "l2"] : ["l3", "l4"]
            let homes = Set(people.compactMap { inspectorsByID[$0["id"] as? String ?? ""]?["home_locality"] as? String })
            for visit in shift["visits"] as? [[String: Any]] ?? [] {
                let locality = visit["locality"] as? String ?? ""
                #expect(zoneLocalities.contains(locality))
                #expect(!homes.contains(locality), "recusal: \(shift["id"] ?? "") visits \(locality)")
            }
        }
        // Coverage: on a full future workday, per zone: 2 day + 1 evening + 1 night teams.
        let today = DistrictTimeZone.chinaStandardTime.date(atUTC: Int64(Date().timeIntervalSince1970))
        let days = HolidayCalendar.builtIn.days(from: today.adding(days: 1), through: today.adding(days: 13))
        if let workday = days.first(where: { $0.kind == .workday || $0.kind == .makeupWorkday }) {
            let onDay = all.filter { $0["date"] as? String == workday.date.description }
            #expect(onDay.filter { $0["zone"] as? String == "north" }.count == 4)
            #expect(onDay.filter { $0["zone"] as? String == "south" && $0["period"] as? String == "day" }.count == 2)
        }
        // The first plan was published: a roster notice per rostered inspector.
        let notices = try json("notices", "--kind", "roster", "--limit", "1000") as? [[String: Any]] ?? []
        let rostered = Set(all.flatMap { members($0).compactMap { $0["id"] as? String } })
        #expect(notices.count >= rostered.count)

        // Leave for the inspector with the most future shifts: only their teams change
        // (plus what repairing them needs); every other team keeps its members.
        let plan1 = (report["plan"] as? [String: Any])?["id"] as? Int64 ?? 0
        var counts: [String: Int] = [:]
        for shift in all where (shift["date"] as? String ?? "") > today.description {
            for person in members(shift) { counts[person["id"] as? String ?? "", default: 0] += 1 }
        }
        let busiest = try #require(counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
        let from = today.adding(days: 1)
        let through = today.adding(days: 13)
        let leave = try ctl("leave", "add", busiest, "--from", from.description, "--to", through.description, "--reason", "病假", "--format", "json")
        #expect(leave.status == 0, "\(leave.stderr)")
        let after = try roster()
        #expect(((after["plan"] as? [String: Any])?["id"] as? Int64 ?? 0) > plan1)
        let before = Dictionary(uniqueKeysWithValues: all.map { ($0["id"] as? String ?? "", $0) })
        var changedWithoutThem = 0
        for shift in shifts(after) {
            let id = shift["id"] as? String ?? ""
            let ids = Set(members(shift).compactMap { $0["id"] as? String })
            if (shift["date"] as? String ?? "") >= from.description { #expect(!ids.contains(busiest), "\(busiest) on leave but on \(id)") }
            guard let old = before[id] else { continue }
            let oldIDs = Set(members(old).compactMap { $0["id"] as? String })
            if oldIDs != ids && !oldIDs.contains(busiest) { changedWithoutThem += 1 }
        }
        let theirTeams = all.filter { (($0["date"] as? String) ?? "") >= from.description && members($0).contains { $0["id"] as? String == busiest } }.count
        #expect(changedWithoutThem <= theirTeams, "a leave re-plan changed \(changedWithoutThem) teams the person was not on")
        #expect(changedWithoutThem == 0 || theirTeams > 0)

        // Every plan's draw replays bit for bit.
        let plans = try json("roster", "plans") as? [[String: Any]] ?? []
        #expect(plans.count >= 2)
        for plan in plans {
            let id = plan["id"] as? Int64 ?? 0
            let verified = try ctl("draw", "verify", "\(id)")
            #expect(verified.status == 0, "plan \(id): \(verified.stdout) \(verified.stderr)")
            #expect(verified.stdout.contains("identical"))
        }

        // A pinned team keeps its members through a re-plan by hand.
        let target = try #require(shifts(after).last)
        let targetID = target["id"] as? String ?? ""
        let pinned = try ctl("roster", "pin", targetID, "--format", "json")
        #expect(pinned.status == 0, "\(pinned.stderr)")
        let pinnedShift = try #require(shifts(try roster()).first { $0["id"] as? String == targetID })
        #expect(pinnedShift["pinned"] as? Bool == true)

        // Who is on duty, and why a team is what it is.
        let duty = try ctl("duty", "--at", "\(today.adding(days: 2))T10:00", "--format", "json")
        #expect(duty.status == 0, "\(duty.stderr)")
        let dutyReport = try #require(try JSONSerialization.jsonObject(with: Data(duty.stdout.utf8)) as? [String: Any])
        let onDuty = dutyReport["shifts"] as? [[String: Any]] ?? []
        #expect(Set(onDuty.compactMap { $0["zone"] as? String }) == ["north", "south"])
        #expect(onDuty.allSatisfy { members($0).allSatisfy { ($0["phone"] as? String)?.isEmpty == false } })
        let explain = try ctl("roster", "explain", targetID)
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("certified") || explain.stdout.contains("执法证"))

        // Fairness: every inspector listed with their counts and the spread per group.
        let fairness = try json("roster", "fairness") as? [String: Any] ?? [:]
        #expect((fairness["inspectors"] as? [Any])?.count == 60)
        #expect((fairness["spreads"] as? [[String: Any]])?.contains { $0["group"] as? String == "police" } == true)
    }

    @Test func rainAddsTeamsAndShortfallsAreReportedEverywhere() throws {
        try start()
        try importDirectory()
        _ = try waitForDirectoryPlans()
        // Rain the day after tomorrow, all day.
        let zone = DistrictTimeZone.chinaStandardTime
        let day = zone.date(atUTC: Int64(Date().timeIntervalSince1970)).adding(days: 2)
        let midnight = zone.startOfDay(day)
        let csv = "start,end,precipitation_mm,probability\n"
            + "\(zone.iso8601(utcSeconds: midnight)),\(zone.iso8601(utcSeconds: midnight + 86_400)),24,90\n"
        let imported = try ctl("weather", "import", try write("rain.csv", csv))
        #expect(imported.status == 0, "\(imported.stderr)")
        let rainy = try waitForRoster("rain on \(day)") { report in
            ((report["plan"] as? [String: Any])?["reason"] as? String ?? "").contains("rain periods changed")
        }
        let dayShifts = shifts(rainy).filter { $0["date"] as? String == day.description && $0["period"] as? String == "day" }
        #expect(!dayShifts.isEmpty && dayShifts.allSatisfy { $0["rain"] as? Bool == true })
        #expect((rainy["shortfalls"] as? [Any])?.isEmpty == true, "\(rainy["shortfalls"] ?? "")")
        let kind = HolidayCalendar.builtIn.days(from: day, through: day)[0].kind
        let base = kind == .workday || kind == .makeupWorkday ? 2 : 1
        #expect(dayShifts.filter { $0["zone"] as? String == "north" }.count == base + 1, "one extra day team in rain")

        // No police at all: the nights cannot be staffed; said in the roster and the status.
        var inspectors = ["id,name,department,certified,home_locality,phone"]
        for number in 0..<60 where number % 4 != 1 {
            inspectors.append("I\(String(format: "%02d", number)),检查员\(number),\(Self.departments[number % 4]),\(number % 8 != 7 ? "yes" : "no"),,1370000\(String(format: "%04d", number))")
        }
        // The police officers move to the water department.
        for number in stride(from: 1, to: 60, by: 4) {
            inspectors.append("I\(String(format: "%02d", number)),检查员\(number),water,\(number % 8 != 7 ? "yes" : "no"),,1370000\(String(format: "%04d", number))")
        }
        let reimported = try ctl("import", "inspectors", try write("inspectors2.csv", inspectors.joined(separator: "\n") + "\n"))
        #expect(reimported.status == 0, "\(reimported.stderr)")
        var report: [String: Any] = [:]
        _ = DaemonHarness.wait(seconds: 20) {
            report = (try? roster()) ?? [:]
            return !((report["shortfalls"] as? [Any]) ?? []).isEmpty
        }
        let shortfalls = report["shortfalls"] as? [[String: Any]] ?? []
        #expect(!shortfalls.isEmpty)
        #expect(shortfalls.allSatisfy { $0["period"] as? String == "night" })
        #expect(shortfalls.allSatisfy { ($0["reason"] as? String ?? "").contains("police") })
        let table = try ctl("roster")
        #expect(table.stdout.contains("SHORT") || table.stderr.contains("SHORT"))
        let status = try ctl("status")
        #expect((status.stdout + status.stderr).contains("short"), "\(status.stdout)")
    }
}
