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
    func startedTeamVerifying(_ caseID: String, site: Site, index: Int = 0) throws -> (team: StoredTeam, taskID: Int64) {
        let start = now - 3600
        let other = try #require(district.sites.sorted { $0.id < $1.id }.last { $0.id != site.id })
        let team = StoredTeam(
            id: StoredTeam.id(date: state.zone.date(atUTC: start), periodID: "day", zone: "test", index: index), date: state.zone.date(atUTC: start),
            periodID: "day", zone: "test", index: index, startsAt: start, endsAt: start + 4 * 3600, dayKind: "workday", rain: false, night: false,
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

    @Test func aDecidedVerificationIsNotRecordedAgainOtherwiseUntilTheCaseIsChangedByHand() async throws {
        let site = try site
        try addCase("C-REREC", site: site, deadline: today.adding(days: 5), status: .rectified)
        let (team, _) = try startedTeamVerifying("C-REREC", site: site)
        let compliant = await call("POST", "/v1/visits/record", body: #"{"visit": "\#(team.id)#2", "result": "compliant"}"#)
        #expect(compliant.status == 201, "\(compliant.body)")
        #expect(try state.store.findCase("C-REREC")?.status == .verified)
        let cases = try state.store.caseCount()
        // The admin re-records a violation: refused while the case stands verified by that visit.
        let again = await call("POST", "/v1/visits/record", body: #"{"visit": "\#(team.id)#2", "result": "violation"}"#)
        #expect(again.status == 409 && again.body.contains("change case C-REREC by hand first"), "\(again.body)")
        #expect(try state.store.findCase("C-REREC")?.status == .verified)
        #expect(try state.store.caseCount() == cases)
        #expect(try state.store.visitResults(from: team.date, through: team.date)[team.id]?[1]?.outcome == .compliant)
        // A note corrected with the same outcome is fine.
        let noted = await call("POST", "/v1/visits/record", body: #"{"visit": "\#(team.id)#2", "result": "compliant", "note": "补记"}"#)
        #expect(noted.status == 201, "\(noted.body)")
        // Changed by hand first, the violation is recorded, pointing at the case, with no patrol case.
        let reopened = await call("POST", "/v1/cases/C-REREC/update", body: #"{"status": "in_progress", "note": "复查记录有误"}"#)
        #expect(reopened.status == 200, "\(reopened.body)")
        let violation = await call("POST", "/v1/visits/record", body: #"{"visit": "\#(team.id)#2", "result": "violation"}"#)
        #expect(violation.status == 201, "\(violation.body)")
        #expect(try JSONDecoder().decode(VisitItem.self, from: Data(violation.body.utf8)).caseID == "C-REREC")
        #expect(try state.store.caseCount() == cases)
    }

    @Test func theStoreDecidesBetweenVerifyingAndAPatrolCaseInsideItsTransaction() throws {
        let site = try site
        try addCase("C-INSIDE", site: site, deadline: today.adding(days: 5), status: .rectified)
        let (team, _) = try startedTeamVerifying("C-INSIDE", site: site)
        let candidate = RectificationCase(
            id: "patrol-candidate", title: "巡查发现问题", source: .patrol, category: site.kind, site: site.id, unit: site.locality,
            personName: "", personPhone: "", milestones: [], deadline: today.adding(days: 10), status: .open)
        let result = StoredVisitResult(
            teamID: team.id, position: 1, outcome: .violation, measures: [], note: "", caseID: nil, uid: 0, recordedAt: now)
        // The case is rectified when the transaction runs: it is reopened, the candidate stays unopened.
        let stored = try state.store.recordVisitResult(result, replace: false, newCase: candidate, at: Timestamp.string(Date()))
        #expect(stored.caseID == "C-INSIDE")
        #expect(try state.store.findCase("patrol-candidate") == nil)
        #expect(try state.store.findCase("C-INSIDE")?.status == .inProgress)
        // Another verification of a case that moved on (verified by hand): the candidate is opened.
        try addCase("C-MOVED", site: site, deadline: today.adding(days: 5), status: .verified)
        let (other, _) = try startedTeamVerifying("C-MOVED", site: site, index: 1)
        let patrol = try state.store.recordVisitResult(
            StoredVisitResult(teamID: other.id, position: 1, outcome: .violation, measures: [], note: "", caseID: nil, uid: 0, recordedAt: now),
            replace: false, newCase: candidate, at: Timestamp.string(Date()))
        #expect(patrol.caseID == "patrol-candidate")
        #expect(try state.store.findCase("C-MOVED")?.status == .verified)
    }

    @Test func aCaseLeftRectifiedGetsAnotherVerificationAndADeadTaskExpires() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let site = try site
        let taskDesk = TaskDesk(state: state, logger: Logger(label: "test"))
        // A visit that found the site closed decides nothing: the case stays rectified.
        try addCase("C-NOTFOUND", site: site, deadline: today.adding(days: 5), status: .rectified)
        let (team, firstTask) = try startedTeamVerifying("C-NOTFOUND", site: site)
        let closed = await call("POST", "/v1/visits/record", body: #"{"visit": "\#(team.id)#2", "result": "closed"}"#)
        #expect(closed.status == 201, "\(closed.body)")
        #expect(try state.store.findCase("C-NOTFOUND")?.status == .rectified)
        #expect(try state.store.task(firstTask)?.status == "done")
        // A case made rectified while the daemon stopped before scheduling (two transactions): none yet.
        try addCase("C-CRASH", site: site, deadline: today.adding(days: 5), status: .rectified)
        // An unplaced verification whose deadline has passed.
        try addCase("C-DEAD", site: site, deadline: today.adding(days: 5), status: .rectified)
        let dead = try state.store.addTasks(
            [(StoredTask(siteID: site.id, fromAt: now - 7 * 86_400, byAt: now - 60, reason: "verification", caseID: "C-DEAD", uid: 0, createdAt: now - 7 * 86_400), nil)],
            notBefore: now)[0]
        #expect(dead.status == "unplaced")
        try taskDesk.sweep(now: now)
        #expect(try state.store.task(dead.id)?.status == "expired")
        for id in ["C-CRASH", "C-DEAD"] {
            let open = try state.store.verificationTasks(ofCase: id).filter(\.isOpen)
            #expect(open.count == 1, "\(id): \(open)")
        }
        // The visit that decided nothing gets no second visit (the site is closed): the HQ is told to decide.
        #expect(try state.store.verificationTasks(ofCase: "C-NOTFOUND").filter(\.isOpen).isEmpty)
        #expect(state.warnings.contains { $0.contains("C-NOTFOUND") && $0.contains("by hand") }, "\(state.warnings)")
        // Decided by hand, the warning goes.
        let shut = await call("POST", "/v1/cases/C-NOTFOUND/update", body: #"{"status": "shut_down", "note": "企业已关停"}"#)
        #expect(shut.status == 200, "\(shut.body)")
        #expect(!state.warnings.contains { $0.contains("C-NOTFOUND") }, "\(state.warnings)")
        // A second sweep adds nothing.
        let count = try state.store.tasks().count
        try taskDesk.sweep(now: now)
        #expect(try state.store.tasks().count == count)
        let listed = await call("GET", "/v1/tasks?status=expired")
        #expect(listed.status == 200, "\(listed.body)")
        #expect(try JSONDecoder().decode([TaskItem].self, from: Data(listed.body.utf8)).map(\.id) == [dead.id])
    }

    @Test func aVerificationTaskNeedsARectifiedCaseWithoutAnOpenOne() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let site = try site
        let by = today.adding(days: 10).description
        func add(_ extra: String) async -> (status: Int, body: String) {
            await call("POST", "/v1/tasks", body: #"{"site": "\#(site.id)", "by": "\#(by)", "reason": "verification"\#(extra)}"#)
        }
        let noCase = await add("")
        #expect(noCase.status == 400 && noCase.body.contains("--case"), "\(noCase.body)")
        try addCase("C-OPEN", site: site, deadline: today.adding(days: 5), status: .inProgress)
        let notRectified = await add(#", "case": "C-OPEN""#)
        #expect(notRectified.status == 409 && notRectified.body.contains("not rectified"), "\(notRectified.body)")
        try addCase("C-TWICE", site: site, deadline: today.adding(days: 5), status: .rectified)
        let first = await add(#", "case": "C-TWICE""#)
        #expect(first.status == 201, "\(first.body)")
        let second = await add(#", "case": "C-TWICE""#)
        #expect(second.status == 409 && second.body.contains("open verification task"), "\(second.body)")
        #expect(try state.store.tasks().count == 1)
        // Cancelled, it no longer names its former (sealed) host, not even to a supervisor.
        let task = try JSONDecoder().decode(TaskItem.self, from: Data(first.body.utf8))
        let cancelled = await call("POST", "/v1/tasks/cancel", body: #"{"id": \#(task.id)}"#)
        #expect(cancelled.status == 200, "\(cancelled.body)")
        let shown = try JSONDecoder().decode(TaskItem.self, from: Data(cancelled.body.utf8))
        #expect(shown.status == "cancelled" && shown.shift == nil && shown.visit == nil)
    }

    @Test func aCaseLeavingRectifiedKeepsAVerificationVisitWhoseListWasReleased() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let site = try site
        try addCase("C-TOLD", site: site, deadline: today.adding(days: 10), status: .inProgress)
        let rectified = await call("POST", "/v1/cases/C-TOLD/update", body: #"{"status": "rectified"}"#)
        #expect(rectified.status == 200, "\(rectified.body)")
        let task = try #require(try state.store.tasks().first)
        let hostID = try #require(task.teamID, "\(task.problem)")
        try state.store.markReleased([(id: hostID, notices: [])], at: now)
        let told = try #require(try state.store.rosterTeam(hostID)).visits
        // The team was told its visits' numbers: the automatic cancel leaves the list as it is.
        let back = await call("POST", "/v1/cases/C-TOLD/update", body: #"{"status": "in_progress", "note": "仍未整改"}"#)
        #expect(back.status == 200, "\(back.body)")
        #expect(try state.store.rosterTeam(hostID)?.visits == told)
        #expect(try state.store.task(task.id)?.status == "placed")
        // A verification task cancelled by hand is not put back by the sweep.
        try addCase("C-MANUAL", site: site, deadline: today.adding(days: 10), status: .inProgress)
        _ = await call("POST", "/v1/cases/C-MANUAL/update", body: #"{"status": "rectified"}"#)
        let manual = try #require(try state.store.verificationTasks(ofCase: "C-MANUAL").first)
        let cancelled = await call("POST", "/v1/tasks/cancel", body: #"{"id": \#(manual.id)}"#)
        #expect(cancelled.status == 200, "\(cancelled.body)")
        try TaskDesk(state: state, logger: Logger(label: "test")).sweep(now: now)
        #expect(try state.store.verificationTasks(ofCase: "C-MANUAL").map(\.status) == ["cancelled"])
    }
}
