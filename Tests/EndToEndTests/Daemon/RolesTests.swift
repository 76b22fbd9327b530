import Foundation
import InspectCalendar
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Roles and the audit trail through the real daemon and the real `inspectctl`, run as
/// other uids and gids with `setpriv`: each role against the endpoints it may and may not
/// use, sealed site lists hidden from everyone but admins until their release, and an
/// audit entry for every write, every sealed read and every refusal.
@Suite(.serialized, .timeLimit(.minutes(4)))
final class RolesTests {
    let directory: String
    let socket: String
    let config: String
    let notify: NotifySocket
    var daemon: DaemonProcess?

    static let departments = ["env", "police", "urban", "water"]
    static let localities = ["l1", "l2", "l3", "l4"]
    static let inspectorCount = 24
    /// Callers: (uid, gid). An inspector `Inn` is gid inspectorGIDBase + nn.
    static let admin: (UInt32, UInt32) = (60101, 60001)
    static let supervisor: (UInt32, UInt32) = (60102, 60002)
    static let police: (UInt32, UInt32) = (60103, 60003)
    static let locality: (UInt32, UInt32) = (60104, 60004)
    static let nobody: (UInt32, UInt32) = (60106, 60006)
    static let inspectorUID: UInt32 = 60105
    static let inspectorGIDBase: UInt32 = 61000

    init() throws {
        directory = try DaemonHarness.scratchDirectory()
        // Other uids must reach the socket: the directory is searchable, the socket open to all
        // (the roles, not the file mode, are under test).
        chmod(directory, 0o755)
        let inspectorBindings = (0..<Self.inspectorCount).map {
            "  { group = \(Self.inspectorGIDBase + UInt32($0)), inspector = \"I\(String(format: "%02d", $0))\" },"
        }.joined(separator: "\n")
        config = directory + "/inspectd.toml"
        let text = """
            [district]
            name = "测试区"

            [daemon]
            state_directory = "\(directory)"
            spool_directory = "\(directory)"
            socket_path = "\(directory)/inspectd.sock"
            socket_mode = "0666"
            shutdown_grace_seconds = 5

            [access]
            admin_groups = [\(Self.admin.1)]
            supervisor_groups = [\(Self.supervisor.1)]
            unit_groups = [
              { group = \(Self.police.1), unit = "police" },
              { group = "\(Self.locality.1)", unit = "l1" },
            ]
            inspector_groups = [
            \(inspectorBindings)
            ]

            [roster]
            horizon_days = 3
            zones = [
              { id = "north", name = "北片", localities = ["l1", "l2"] },
              { id = "south", name = "南片", localities = ["l3", "l4"] },
            ]
            coverage = [
              { zone = "*", period = "day", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
              { zone = "*", period = "evening", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
              { zone = "*", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
            ]

            [teams]
            size = 3
            min_departments = 2
            min_certified = 1

            [visits]
            per_team = 2
            release_lead_minutes = 1440

            [notices]
            outbox_directory = "\(directory)/outbox"

            """
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        socket = directory + "/inspectd.sock"
        notify = try NotifySocket(path: directory + "/notify")
    }

    deinit {
        daemon?.signal(SIGTERM)
        _ = daemon?.waitForExit(seconds: 10)
        try? FileManager.default.removeItem(atPath: directory)
    }

    func start() throws {
        daemon = try DaemonProcess(DaemonHarness.binary("inspectd"), ["--config", config], environment: ["NOTIFY_SOCKET": notify.path])
        guard notify.waitFor(seconds: 10, { $0 == "READY=1" }) != nil else {
            throw HarnessError("the daemon did not become ready: \(daemon?.stderrText() ?? "")")
        }
    }

    /// `inspectctl` as root (an admin).
    func ctl(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", socket] + arguments)
    }

    /// `inspectctl` as `uid`/`gid` with no supplementary groups.
    func ctl(as caller: (UInt32, UInt32), _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try DaemonHarness.run(
            "/usr/bin/setpriv",
            ["--reuid=\(caller.0)", "--regid=\(caller.1)", "--clear-groups", DaemonHarness.binary("inspectctl"), "--socket", socket] + arguments)
    }

    func json(as caller: (UInt32, UInt32)?, _ arguments: [String]) throws -> Any {
        let result = try caller.map { try ctl(as: $0, arguments + ["--format", "json"]) } ?? ctl(arguments + ["--format", "json"])
        guard result.status == 0, let value = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) else {
            throw HarnessError("inspectctl \(arguments.joined(separator: " ")) as \(String(describing: caller)) failed (\(result.status)): \(result.stderr)")
        }
        return value
    }

    func shifts(as caller: (UInt32, UInt32)?) throws -> [[String: Any]] {
        (try json(as: caller, ["roster"]) as? [String: Any])?["shifts"] as? [[String: Any]] ?? []
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o644)
        return path
    }

    func importDirectory() throws {
        var units = ["id,name,kind,leader_name,leader_phone,contact_name,contact_phone"]
        for (index, id) in (Self.departments + Self.localities).enumerated() {
            let kind = index < Self.departments.count ? "department" : "locality"
            units.append("\(id),单位\(id),\(kind),领导\(index),1380000\(String(format: "%04d", index)),联络员\(index),1390000\(String(format: "%04d", index))")
        }
        var inspectors = ["id,name,department,certified,home_locality,phone"]
        for number in 0..<Self.inspectorCount {
            inspectors.append(
                "I\(String(format: "%02d", number)),检查员\(number),\(Self.departments[number % 4]),yes,,1370000\(String(format: "%04d", number))")
        }
        var sites = ["id,name,locality,kind,risk,rain_sensitive,night_sensitive"]
        for number in 0..<24 {
            sites.append("S\(String(format: "%02d", number)),企业\(number),\(Self.localities[number % 4]),重点企业,A,no,no")
        }
        // Sites before inspectors: the first teams are drawn with their site lists, so the
        // shifts released from the start (within a day) have lists too.
        for (kind, lines) in [("units", units), ("sites", sites), ("inspectors", inspectors)] {
            let result = try ctl(["import", kind, try write("\(kind).csv", lines.joined(separator: "\n") + "\n")])
            guard result.status == 0 else { throw HarnessError("import \(kind) failed: \(result.stderr)") }
        }
        let today = DistrictTimeZone.chinaStandardTime.date(atUTC: Int64(Date().timeIntervalSince1970))
        let cases = """
            id,title,source,category,unit,person,phone,deadline,status
            C-1,砂石厂扬尘,patrol,大气,l1,张伟,13800000001,\(today.adding(days: 20)),open
            C-2,河道违建,patrol,违章建筑,l2,李娜,13800000002,\(today.adding(days: 20)),open

            """
        let result = try ctl(["cases", "import", try write("cases.csv", cases)])
        guard result.status == 0 else { throw HarnessError("cases import failed: \(result.stderr)") }
    }

    /// Waits for the plan made after the sites import (visits drawn).
    func waitForPlannedVisits() throws -> [[String: Any]] {
        var all: [[String: Any]] = []
        _ = DaemonHarness.wait(seconds: 30) {
            all = (try? shifts(as: nil)) ?? []
            return all.contains { !($0["visits"] as? [Any] ?? []).isEmpty }
        }
        guard !all.isEmpty else { throw HarnessError("no roster with visits") }
        return all
    }

    func ids(_ shifts: [[String: Any]]) -> [String] { shifts.compactMap { $0["id"] as? String } }
    func memberIDs(_ shift: [String: Any]) -> [String] { (shift["members"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
    func visits(_ shift: [String: Any]) -> [String] { (shift["visits"] as? [[String: Any]] ?? []).compactMap { $0["site"] as? String } }
    func isSealed(_ shift: [String: Any]) -> Bool { shift["sealed"] as? Bool == true }

    @Test(.enabled(if: getuid() == 0, "running inspectctl as other uids and gids with setpriv needs root"))
    func eachRoleGetsWhatItMayAndEveryWriteSealedReadAndRefusalIsAudited() throws {
        try start()
        try importDirectory()
        let all = try waitForPlannedVisits()
        #expect(all.contains(where: isSealed) && all.contains { !isSealed($0) && !visits($0).isEmpty }, "released and sealed shifts")
        let full = Dictionary(all.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })

        // An admin (by group, not root) sees every site list, sealed or not.
        let asAdmin = try shifts(as: Self.admin)
        #expect(ids(asAdmin) == ids(all))
        #expect(asAdmin.filter(isSealed).allSatisfy { !visits($0).isEmpty }, "an admin gets sealed lists")

        // A supervisor: every shift, sealed lists empty, released ones whole; no writes.
        let asSupervisor = try shifts(as: Self.supervisor)
        #expect(ids(asSupervisor) == ids(all))
        for shift in asSupervisor {
            let id = shift["id"] as? String ?? ""
            #expect(isSealed(shift) ? visits(shift).isEmpty : visits(shift) == visits(full[id] ?? [:]), "supervisor, \(id)")
        }
        #expect(try ctl(as: Self.supervisor, ["cases", "list"]).status == 0)
        #expect(try ctl(as: Self.supervisor, ["cases", "update", "C-1", "--status", "in_progress"]).status == 1)
        #expect(try ctl(as: Self.supervisor, ["audit"]).status == 1)

        // A department unit: the shifts with a police member, sealed lists hidden; no duty, no imports.
        let police = Set((0..<Self.inspectorCount).filter { $0 % 4 == 1 }.map { "I\(String(format: "%02d", $0))" })
        let asPolice = try shifts(as: Self.police)
        #expect(!asPolice.isEmpty && ids(asPolice) == ids(all.filter { memberIDs($0).contains(where: police.contains) }))
        #expect(asPolice.count < all.count)
        #expect(asPolice.filter(isSealed).allSatisfy { visits($0).isEmpty })
        let policeDuty = try ctl(as: Self.police, ["duty"])
        #expect(policeDuty.status == 1 && policeDuty.stderr.contains("is a unit for unit police"), "\(policeDuty.stderr)")
        #expect(try ctl(as: Self.police, ["import", "units", directory + "/units.csv"]).status == 1)

        // A locality unit: no roster; its own case only, and may move it along; not another's.
        let localityRoster = try ctl(as: Self.locality, ["roster"])
        #expect(localityRoster.status == 1 && localityRoster.stderr.contains("cases"), "\(localityRoster.stderr)")
        let ownCases = try json(as: Self.locality, ["cases", "list"]) as? [[String: Any]] ?? []
        #expect(ownCases.compactMap { $0["id"] as? String } == ["C-1"])
        #expect(try ctl(as: Self.locality, ["cases", "show", "C-2"]).status == 1)
        #expect(try ctl(as: Self.locality, ["cases", "update", "C-2", "--status", "in_progress"]).status == 1)
        let moved = try ctl(as: Self.locality, ["cases", "update", "C-1", "--status", "in_progress", "--note", "已进场"])
        #expect(moved.status == 0, "\(moved.stderr)")

        // An inspector with a released and a sealed shift: only their shifts, their team's
        // list after release only; their own leave, nobody else's; nothing else.
        let chosen = try #require(
            (0..<Self.inspectorCount).map { "I\(String(format: "%02d", $0))" }.first { id in
                let theirs = all.filter { memberIDs($0).contains(id) }
                return theirs.contains(where: isSealed) && theirs.contains { !isSealed($0) && !visits($0).isEmpty }
            }, "no inspector has both a released and a sealed shift")
        let inspector = (Self.inspectorUID, Self.inspectorGIDBase + UInt32(Int(chosen.dropFirst())!))
        let asInspector = try shifts(as: inspector)
        #expect(ids(asInspector) == ids(all.filter { memberIDs($0).contains(chosen) }))
        for shift in asInspector {
            let id = shift["id"] as? String ?? ""
            #expect(isSealed(shift) ? visits(shift).isEmpty : visits(shift) == visits(full[id] ?? [:]), "inspector, \(id)")
        }
        let other = chosen == "I00" ? "I01" : "I00"
        #expect(try ctl(as: inspector, ["roster", "--inspector", other]).status == 1)
        let today = DistrictTimeZone.chinaStandardTime.date(atUTC: Int64(Date().timeIntervalSince1970))
        let day = today.adding(days: 2).description
        #expect(try ctl(as: inspector, ["leave", "add", other, "--from", day, "--to", day, "--reason", "代请"]).status == 1)
        let leave = try ctl(as: inspector, ["leave", "add", chosen, "--from", day, "--to", day, "--reason", "病假"])
        #expect(leave.status == 0, "\(leave.stderr)")
        for refused in [["duty"], ["cases", "list"], ["inspectors"], ["draw", "verify", "1"], ["audit"]] {
            #expect(try ctl(as: inspector, refused).status == 1, "\(refused)")
        }

        // No role at all.
        let stranger = try ctl(as: Self.nobody, ["status"])
        #expect(stranger.status == 1 && stranger.stderr.contains("no role"), "\(stranger.stderr)")

        // The trail: every write, the admins' sealed reads, every refusal.
        let trail = try json(as: nil, ["audit"]) as? [[String: Any]] ?? []
        func entries(uid: UInt32, _ action: String, _ outcome: Int) -> [[String: Any]] {
            trail.filter { ($0["uid"] as? Int) == Int(uid) && $0["action"] as? String == action && $0["outcome"] as? Int == outcome }
        }
        for kind in ["units", "inspectors", "sites"] {
            #expect(trail.contains { $0["uid"] as? Int == 0 && $0["action"] as? String == "POST /v1/imports/\(kind)" && $0["target"] as? String == kind })
        }
        #expect(!entries(uid: 0, "POST /v1/cases/imports", 200).isEmpty)
        #expect(!entries(uid: 0, "GET /v1/roster", 200).isEmpty, "root's sealed reads")
        let adminRead = try #require(entries(uid: Self.admin.0, "GET /v1/roster", 200).first)
        #expect(adminRead["role"] as? String == "admin" && (adminRead["detail"] as? String ?? "").contains("sealed"))
        #expect(entries(uid: Self.supervisor.0, "GET /v1/roster", 200).isEmpty, "a supervisor read nothing sealed")
        #expect(entries(uid: Self.supervisor.0, "POST /v1/cases/{id}/update", 403).count == 1)
        #expect(entries(uid: Self.supervisor.0, "GET /v1/audit", 403).count == 1)
        #expect(entries(uid: Self.police.0, "GET /v1/duty", 403).count == 1)
        #expect(entries(uid: Self.police.0, "POST /v1/imports/units", 403).count == 1)
        #expect(entries(uid: Self.locality.0, "GET /v1/roster", 403).count == 1)
        #expect(entries(uid: Self.locality.0, "GET /v1/cases/{id}", 403).first?["target"] as? String == "C-2")
        #expect(entries(uid: Self.locality.0, "POST /v1/cases/{id}/update", 403).first?["target"] as? String == "C-2")
        let update = try #require(entries(uid: Self.locality.0, "POST /v1/cases/{id}/update", 200).first)
        #expect(update["target"] as? String == "C-1" && update["role"] as? String == "unit" && update["gid"] as? Int == Int(Self.locality.1))
        #expect(entries(uid: inspector.0, "POST /v1/leave", 403).first?["target"] as? String == other)
        #expect(entries(uid: inspector.0, "POST /v1/leave", 201).first?["target"] as? String == chosen)
        #expect(entries(uid: inspector.0, "GET /v1/roster", 403).count == 1)
        #expect(entries(uid: Self.nobody.0, "GET /v1/status", 403).first?["role"] as? String == "none")

        // Filtered by user; the CSV has the documented columns.
        let mine = try json(as: nil, ["audit", "--user", String(inspector.0)]) as? [[String: Any]] ?? []
        #expect(!mine.isEmpty && mine.allSatisfy { $0["uid"] as? Int == Int(inspector.0) })
        let csv = try ctl(["audit", "--since", today.description, "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.split(whereSeparator: \.isNewline).first == "id,at,uid,gid,pid,role,action,target,outcome,detail")
        #expect(csv.stdout.split(whereSeparator: \.isNewline).count == trail.count + 1, "the header and every entry (reading the trail is not itself audited)")
    }
}
