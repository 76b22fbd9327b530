import Foundation
import InspectAPI
import InspectCalendar
import InspectConfig
import InspectCore
@testable import InspectDaemon
import InspectLedger
import InspectStore
import InspectSystemd
import Logging
import Testing

/// Verification visits (复查) on a real database with the demo district, through the real
/// router: a rectified case gets its visit on a working day before the deadline; the
/// visit's result verifies or reopens the case; a reopened case's ladder goes on from
/// where it was without firing the steps that fell due while it was rectified.
@Suite struct VerificationVisitTests {
    let state: DaemonState
    let router: APIRouter
    let desk: RosterDesk
    let district = DemoDistrict.generate()

    static let adminGID: UInt32 = 1001
    static let workingDays = 3

    init() throws {
        var configuration = DaemonConfiguration.default
        configuration.roster.horizonDays = 14
        configuration.verification.withinWorkingDays = Self.workingDays
        let loaded = ConfigurationLoader.Loaded(
            configuration: configuration, access: AccessPolicy(adminGroups: [Self.adminGID], supervisorGroups: [1002]),
            zone: .chinaStandardTime, calendar: .builtIn, templates: .builtIn)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inspectd-verify-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try InspectStore.open(inDirectory: directory)
        state = DaemonState(configPath: "/etc/inspectd/inspectd.toml", loaded: loaded, store: store, notifier: ServiceNotifier())
        router = APIRouter(state: state, version: "test")
        desk = RosterDesk(state: state, logger: Logger(label: "test"))
        let importer = DirectoryImporter(store: store)
        for kind in [DirectoryKind.units, .inspectors, .sites] {
            _ = try importer.importFile(kind, bytes: Array(district.csv(kind).utf8), file: "\(kind).csv", encoding: nil, uid: 0, dryRun: false)
        }
    }

    var now: Int64 { Int64(Date().timeIntervalSince1970) }
    var today: CivilDate { state.zone.date(atUTC: now) }

    func call(_ method: String, _ target: String, body: String = "") async -> (status: Int, body: String) {
        let gid = Self.adminGID
        let response = await router.respond(
            to: APIRequest(
                method: method, target: target, contentType: body.isEmpty ? nil : "application/json", body: Array(body.utf8),
                peer: PeerCredentials(pid: 4242, uid: 7000, gid: gid, groups: [gid])))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    /// A demo site some zone covers.
    var site: Site {
        get throws {
            let context = try desk.context(now: now)
            return try #require(
                district.sites.sorted { $0.id < $1.id }.first { site in context.rules.zones.contains { $0.localities.contains(site.locality) } })
        }
    }

    func addCase(_ id: String, site: Site, deadline: CivilDate, status: CaseStatus) throws {
        let item = RectificationCase(
            id: id, title: "废水超标排放", source: .complaint, category: site.kind, site: site.id, unit: site.locality, personName: "王五",
            personPhone: "13800000000", milestones: [], deadline: deadline, status: status)
        try state.store.addCase(item, at: Timestamp.string(Date()), uid: 0) { _ in [] }
    }

    /// A team whose shift started an hour ago, with one random visit and the verification
    /// visit of `caseID` (task placed while the shift lay ahead).
    func startedTeamVerifying(_ caseID: String, site: Site) throws -> (team: StoredTeam, taskID: Int64) {
        let start = now - 3600
        let other = try #require(district.sites.sorted { $0.id < $1.id }.last { $0.id != site.id })
        let team = StoredTeam(
            id: StoredTeam.id(date: state.zone.date(atUTC: start), periodID: "day", zone: "test", index: 0), date: state.zone.date(atUTC: start),
            periodID: "day", zone: "test", index: 0, startsAt: start, endsAt: start + 4 * 3600, dayKind: "workday", rain: false, night: false,
            pinned: false, memberIDs: [district.inspectors[0].id],
            visits: [StoredVisit(siteID: other.id, locality: other.locality, risk: other.risk.rawValue, reason: "weighted")])
        let plan = StoredPlan(
            createdAt: start - 86_400, reason: "test", uid: 0, firstDate: team.date, lastDate: team.date, teamsAdded: 1, teamsChanged: 0,
            teamsRemoved: 0, visitsDrawn: 1, shortfalls: 0, inputDigest: "", seed: 1, generator: "test", drawDigest: "", drawInput: [],
            drawResult: [])
        try state.store.saveRoster(RosterChange(plan: plan, upserts: [team], removals: [], shortfalls: []), now: start - 86_400)
        let task = StoredTask(
            siteID: site.id, fromAt: start - 86_400, byAt: start + 86_400, reason: "verification", caseID: caseID, uid: 0, createdAt: start - 86_400)
        let stored = try state.store.addTasks(
            [(task, TaskPlacementRow(teamID: team.id, locality: site.locality, risk: site.risk.rawValue))], notBefore: start - 86_400)
        return (team, stored[0].id)
    }

    @Test func aRectifiedCaseGetsItsVerificationVisitOnAWorkingDayBeforeTheDeadline() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let site = try site
        try addCase("C-RECT-1", site: site, deadline: today.adding(days: 10), status: .inProgress)
        let answer = await call("POST", "/v1/cases/C-RECT-1/update", body: #"{"status": "rectified", "note": "已整改完毕"}"#)
        #expect(answer.status == 200, "\(answer.body)")

        let task = try #require(try state.store.tasks().first)
        #expect(task.reason == "verification" && task.caseID == "C-RECT-1" && task.siteID == site.id)
        #expect(task.status == "placed", "\(task.problem)")
        // The deadline: the end of the third working day from today, itself a working day.
        let calendar = state.calendar
        let deadline = state.zone.date(atUTC: task.byAt - 1)
        #expect(calendar.days(from: deadline, through: deadline).first?.kind.countsAsWorkday == true)
        let workdays = calendar.days(from: today.adding(days: 1), through: deadline).filter { $0.kind.countsAsWorkday }.count
        #expect(workdays == Self.workingDays)
        let hostID = try #require(task.teamID)
        let host = try #require(try state.store.rosterTeam(hostID))
        #expect(host.endsAt <= task.byAt && host.startsAt > now)
        #expect(DayKind(rawValue: host.dayKind)?.countsAsWorkday == true, "\(host.id) is on a \(host.dayKind)")
        #expect(host.visits.last?.origin == "task:\(task.id) verification")
        // Rectified again later, it gets no second open visit.
        let rectified = try #require(try state.store.findCase("C-RECT-1"))
        #expect(try TaskDesk(state: state, logger: Logger(label: "test")).scheduleVerification(of: rectified, uid: 0, now: now) == nil)
        #expect(try state.store.tasks().count == 1)
        // Set back to in progress by hand, the case no longer needs the visit: it is cancelled
        // and leaves the host's list.
        let back = await call("POST", "/v1/cases/C-RECT-1/update", body: #"{"status": "in_progress", "note": "复核发现仍未整改"}"#)
        #expect(back.status == 200, "\(back.body)")
        #expect(try state.store.task(task.id)?.status == "cancelled")
        #expect(try state.store.rosterTeam(hostID)?.visits.contains { $0.taskID == task.id } == false)
    }

    @Test func aCaseWithoutASiteGetsNoVerificationTask() async throws {
        let item = RectificationCase(
            id: "C-NOSITE", title: "扬尘", source: .complaint, category: "大气", site: nil, unit: district.units[0].id, personName: "",
            personPhone: "", milestones: [], deadline: today.adding(days: 5), status: .inProgress)
        try state.store.addCase(item, at: Timestamp.string(Date()), uid: 0) { _ in [] }
        let answer = await call("POST", "/v1/cases/C-NOSITE/update", body: #"{"status": "rectified"}"#)
        #expect(answer.status == 200, "\(answer.body)")
        #expect(try state.store.tasks().isEmpty)
    }

    @Test func aCompliantVerificationVerifiesTheCaseAndOnlyThenMayItClose() async throws {
        let site = try site
        try addCase("C-VER-1", site: site, deadline: today.adding(days: 5), status: .rectified)
        // Closing straight from rectified is refused.
        let early = await call("POST", "/v1/cases/C-VER-1/update", body: #"{"status": "closed"}"#)
        #expect(early.status == 409 && early.body.contains("verified"), "\(early.body)")

        let (team, taskID) = try startedTeamVerifying("C-VER-1", site: site)
        let recorded = await call("POST", "/v1/visits/record", body: #"{"visit": "\#(team.id)#2", "result": "compliant", "note": "现场核实已整改"}"#)
        #expect(recorded.status == 201, "\(recorded.body)")
        let item = try JSONDecoder().decode(VisitItem.self, from: Data(recorded.body.utf8))
        #expect(item.caseID == "C-VER-1" && item.origin == "task:\(taskID) verification")
        #expect(try state.store.findCase("C-VER-1")?.status == .verified)
        let last = try #require(try state.store.caseHistory("C-VER-1").last)
        #expect(last.action == "verify" && last.uid == 7000 && last.fromStatus == "rectified" && last.toStatus == "verified")
        #expect(try state.store.task(taskID)?.status == "done")

        let closed = await call("POST", "/v1/cases/C-VER-1/update", body: #"{"status": "closed"}"#)
        #expect(closed.status == 200, "\(closed.body)")
        #expect(try state.store.findCase("C-VER-1")?.status == .closed)
    }

    @Test func aViolationReopensTheCaseAndItsLadderGoesOnWithoutTheBacklog() async throws {
        let site = try site
        // Overdue twelve days: the overdue notice went out back then, while it was in progress.
        try addCase("C-REOPEN", site: site, deadline: today.adding(days: -12), status: .inProgress)
        let escalation = EscalationDesk(state: state, logger: Logger(label: "test"))
        let back = state.zone.startOfDay(today.adding(days: -10)) + 12 * 3600
        _ = try escalation.decide(now: back)
        func sent() throws -> [String] {
            try state.store.notices(pendingOnly: false, kind: nil, since: nil, caseID: "C-REOPEN", limit: 100).map(\.kind).sorted()
        }
        let before = try sent()
        #expect(before == ["overdue"], "\(before)")
        // Then rectified; supervision and summons fell due meanwhile.
        _ = try state.store.updateCase(
            "C-REOPEN", status: .rectified, addMeasures: [], note: nil, at: Timestamp.string(Date()), now: back + 3600, uid: 0) { _, _ in nil }
        let cases = try state.store.caseCount()

        let (team, _) = try startedTeamVerifying("C-REOPEN", site: site)
        let recorded = await call("POST", "/v1/visits/record", body: #"{"visit": "\#(team.id)#2", "result": "violation", "measures": ["daily_fines"]}"#)
        #expect(recorded.status == 201, "\(recorded.body)")
        let reopened = try #require(try state.store.findCase("C-REOPEN"))
        #expect(reopened.status == .inProgress && reopened.measures == [.dailyFines])
        #expect(try state.store.caseHistory("C-REOPEN").last?.action == "reopen")
        #expect(try state.store.caseCount() == cases, "the violation reopens the case, it opens no other")

        // Now: nothing of the backlog fires, and nothing fired before fires again.
        _ = try escalation.decide(now: now)
        #expect(try sent() == before)
        // The ladder goes on: the weekly accountability step (17 days after the deadline) fires.
        _ = try escalation.decide(now: now + 6 * 86_400)
        #expect(try sent() == ["accountability", "overdue"])
    }
}
