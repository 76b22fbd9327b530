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

/// Visit results on a real (in-memory) database with the demo district: who may record, when,
/// how often, the case a violation opens, and what the listing shows to whom.
@Suite struct VisitResultTests {
    let state: DaemonState
    let router: APIRouter
    let desk: RosterDesk
    let district = DemoDistrict.generate()
    let members: [String]
    let outsider: String

    static let adminGID: UInt32 = 1001
    static let supervisorGID: UInt32 = 1002
    static let memberGID: UInt32 = 3000
    static let outsiderGID: UInt32 = 3001
    static let deadlineDays = 10

    init() throws {
        let ids = district.inspectors.map(\.id).sorted()
        members = Array(ids.prefix(2))
        outsider = ids[2]
        var configuration = DaemonConfiguration.default
        configuration.roster.horizonDays = 7
        configuration.visits.releaseLeadMinutes = 1440
        configuration.visits.violationDeadlineDays = Self.deadlineDays
        let policy = AccessPolicy(
            adminGroups: [Self.adminGID], supervisorGroups: [Self.supervisorGID],
            inspectorGroups: [Self.memberGID: [members[0]], Self.outsiderGID: [outsider]])
        let loaded = ConfigurationLoader.Loaded(configuration: configuration, access: policy, zone: .chinaStandardTime, calendar: .builtIn, templates: .builtIn)
        let store = try InspectStore.inMemory()
        state = DaemonState(configPath: "/etc/inspectd/inspectd.toml", loaded: loaded, store: store, notifier: ServiceNotifier())
        router = APIRouter(state: state, version: "test")
        desk = RosterDesk(state: state, logger: Logger(label: "test"))
        let importer = DirectoryImporter(store: store)
        for kind in [DirectoryKind.units, .inspectors, .sites] {
            _ = try importer.importFile(kind, bytes: Array(district.csv(kind).utf8), file: "\(kind).csv", encoding: nil, uid: 0, dryRun: false)
        }
    }

    var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// Stores one team of `members` visiting three demo sites, its shift starting
    /// `startsIn` seconds from now (negative: running, or ended when more than four hours ago)
    /// and lasting four hours.
    func storeTeam(startsIn: Int64, index: Int = 0) throws -> StoredTeam {
        let start = now + startsIn
        let date = state.zone.date(atUTC: start)
        let sites = district.sites.sorted { $0.id < $1.id }.prefix(3)
        let team = StoredTeam(
            id: StoredTeam.id(date: date, periodID: "day", zone: "test", index: index), date: date, periodID: "day", zone: "test", index: index,
            startsAt: start, endsAt: start + 4 * 3600, dayKind: "workday", rain: false, night: false, pinned: false, releasedAt: start - 3600,
            memberIDs: members, visits: sites.map { StoredVisit(siteID: $0.id, locality: $0.locality, risk: $0.risk.rawValue, reason: "weighted") })
        let plan = StoredPlan(
            createdAt: now, reason: "test", uid: 0, firstDate: date, lastDate: date, teamsAdded: 1, teamsChanged: 0, teamsRemoved: 0,
            visitsDrawn: 3, shortfalls: 0, inputDigest: "", seed: 1, generator: "test", drawDigest: "", drawInput: [], drawResult: [])
        // Saved as planned before the shift began: the store keeps no new team that has already ended.
        try state.store.saveRoster(RosterChange(plan: plan, upserts: [team], removals: [], shortfalls: []), now: min(now, start))
        return try #require(try state.store.rosterTeam(team.id))
    }

    func call(_ method: String, _ target: String, gid: UInt32, body: String = "") async -> (status: Int, body: String) {
        let response = await router.respond(
            to: APIRequest(
                method: method, target: target, contentType: body.isEmpty ? nil : "application/json", body: Array(body.utf8),
                peer: PeerCredentials(pid: 4242, uid: 5000 + gid, gid: gid, groups: [gid])))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    func record(_ visit: String, _ result: String, gid: UInt32, extra: String = "") async -> (status: Int, body: String) {
        await call("POST", "/v1/visits/record", gid: gid, body: #"{"visit": "\#(visit)", "result": "\#(result)"\#(extra)}"#)
    }

    @Test func aViolationOpensAPatrolCaseForTheSitesLocality() async throws {
        let team = try storeTeam(startsIn: -3600)
        let visit = team.visits[1]
        let answer = await record(
            "\(team.id)#2", "violation", gid: Self.memberGID, extra: #", "measures": ["production_halt"], "note": "废气直排", "new_case": "废气直排未整改""#)
        #expect(answer.status == 201, "\(answer.body)")
        let item = try JSONDecoder().decode(VisitItem.self, from: Data(answer.body.utf8))
        #expect(item.result == "violation" && item.site == visit.siteID)
        let caseID = try #require(item.caseID)
        let opened = try #require(try state.store.findCase(caseID))
        let site = try #require(district.sites.first { $0.id == visit.siteID })
        let unit = try #require(district.units.first { $0.id == site.locality })
        #expect(opened.source == .patrol && opened.site == site.id && opened.unit == site.locality)
        #expect(opened.title == "废气直排未整改" && opened.status == .open && opened.measures == [.productionHalt])
        #expect(opened.personName == unit.contactName && opened.personPhone == unit.contactPhone)
        #expect(opened.deadline == state.zone.date(atUTC: now).adding(days: Self.deadlineDays))
        #expect(try state.store.caseHistory(caseID).map(\.action) == ["add"])
        // The roster shows the result with the visit.
        let roster = await call("GET", "/v1/roster?from=\(team.date)&to=\(team.date)", gid: Self.supervisorGID)
        let report = try JSONDecoder().decode(RosterReport.self, from: Data(roster.body.utf8))
        #expect(report.shifts.first { $0.id == team.id }?.visits.map(\.result) == [nil, "violation", nil])
        // A compliant visit opens nothing.
        let compliant = await record("\(team.id)#1", "compliant", gid: Self.memberGID)
        #expect(compliant.status == 201 && !compliant.body.contains("\"case\""), "\(compliant.body)")
        #expect(try state.store.caseCount() == 1)
    }

    @Test func aViolationsDeadlineComesFromItsCategoryWhenConfigured() async throws {
        let team = try storeTeam(startsIn: -3600)
        let site = try #require(district.sites.first { $0.id == team.visits[2].siteID })
        var configuration = state.configuration
        configuration.visits.violationDeadlineDaysByCategory = [site.kind: 3, "其他类别": 90]
        state.apply(
            ConfigurationLoader.Loaded(configuration: configuration, access: state.access, zone: state.zone, calendar: state.calendar, templates: state.templates),
            outcome: ReloadOutcome(at: "2026-01-01T00:00:00+08:00", succeeded: true, messages: []))
        let answer = await record("\(team.id)#3", "violation", gid: Self.memberGID)
        #expect(answer.status == 201, "\(answer.body)")
        let item = try JSONDecoder().decode(VisitItem.self, from: Data(answer.body.utf8))
        let caseID = try #require(item.caseID)
        let opened = try #require(try state.store.findCase(caseID))
        #expect(opened.category == site.kind)
        #expect(opened.deadline == state.zone.date(atUTC: now).adding(days: 3))
    }

    @Test func aCaseThatCannotBeAddedLeavesNoResult() async throws {
        let team = try storeTeam(startsIn: -3600)
        let visit = team.visits[0]
        let blocking = RectificationCase(
            id: APIRouter.patrolCaseID(teamID: team.id, position: 0), title: "已有", source: .complaint, category: "大气", site: nil,
            unit: visit.locality, personName: "", personPhone: "", milestones: [], deadline: team.date, status: .open)
        try state.store.addCase(blocking, at: "2026-01-01T00:00:00+08:00", uid: 0) { _ in [] }
        let answer = await record("\(team.id)#1", "violation", gid: Self.memberGID)
        #expect(answer.status == 409, "\(answer.body)")
        #expect(try state.store.visitResults(from: team.date, through: team.date).isEmpty)
        #expect(try state.store.findCase(blocking.id)?.source == .complaint)
    }

    @Test func onlyTheTeamsMembersAndAdminsMayRecord() async throws {
        let team = try storeTeam(startsIn: -3600)
        #expect(await record("\(team.id)#1", "compliant", gid: Self.outsiderGID).status == 403)
        #expect(await record("\(team.id)#1", "compliant", gid: Self.supervisorGID).status == 403)
        #expect(try state.store.visitResults(from: team.date, through: team.date).isEmpty)
        #expect(await record("\(team.id)#1", "compliant", gid: Self.memberGID).status == 201)
        #expect(await record("\(team.id)#2", "closed", gid: Self.adminGID).status == 201)
        let audit = try state.store.auditEntries(since: nil, uid: nil, limit: 1000).filter { $0.action == "POST /v1/visits/record" }
        #expect(audit.map(\.outcome) == [403, 403, 201, 201])
        // The supervisor is refused by role before the body is read, so no visit is named.
        #expect(audit.map(\.target) == ["\(team.id)#1", "", "\(team.id)#1", "\(team.id)#2"])
    }

    @Test func aVisitIsNotRecordedBeforeItsShiftStarts() async throws {
        let team = try storeTeam(startsIn: 7200)
        let answer = await record("\(team.id)#1", "compliant", gid: Self.memberGID)
        #expect(answer.status == 409, "\(answer.body)")
        #expect(await record("\(team.id)#9", "compliant", gid: Self.adminGID).status == 404)
        #expect(await record("\(team.id)", "compliant", gid: Self.adminGID).status == 400)
    }

    @Test func recordingAgainIsForAdminsOnly() async throws {
        let team = try storeTeam(startsIn: -3600)
        #expect(await record("\(team.id)#3", "violation", gid: Self.memberGID).status == 201)
        let again = await record("\(team.id)#3", "compliant", gid: Self.memberGID)
        #expect(again.status == 409, "\(again.body)")
        let corrected = await record("\(team.id)#3", "not_found", gid: Self.adminGID)
        #expect(corrected.status == 201, "\(corrected.body)")
        let results = try state.store.visitResults(from: team.date, through: team.date)
        #expect(results[team.id]?[2]?.outcome == .notFound)
        #expect(results[team.id]?[2]?.caseID != nil, "the case the violation opened stays linked")
        #expect(try state.store.caseCount() == 1, "no second case")
    }

    @Test func theDisclosureNamesRecordedVisitsOfEndedShiftsOnly() async throws {
        // Ended five hours ago with one visit of three recorded; running now with one recorded.
        let ended = try storeTeam(startsIn: -9 * 3600)
        let running = try storeTeam(startsIn: -3600, index: 1)
        #expect(await record("\(ended.id)#2", "violation", gid: Self.memberGID, extra: #", "measures": ["daily_fines"]"#).status == 201)
        #expect(await record("\(running.id)#1", "compliant", gid: Self.memberGID).status == 201)
        let sites = Dictionary(uniqueKeysWithValues: district.sites.map { ($0.id, $0.name) })
        let from = ended.date.adding(days: -1)
        let csv = await call("GET", "/v1/disclosure?from=\(from)&to=\(running.date)", gid: Self.supervisorGID)
        #expect(csv.status == 200, "\(csv.body)")
        #expect(csv.body.hasPrefix("\u{FEFF}"))
        let rows = csv.body.split(separator: "\r\n").dropFirst()
        #expect(rows.count == 1, "\(csv.body)")
        #expect(rows.first?.contains(sites[ended.visits[1].siteID] ?? "?") == true)
        #expect(rows.first?.contains("发现问题 (violation)") == true && rows.first?.contains("daily_fines") == true)
        for name in district.inspectors.map(\.name) { #expect(!csv.body.contains(name), "names inspector \(name)") }
        let html = await call("GET", "/v1/disclosure?from=\(from)&to=\(running.date)&format=html", gid: Self.adminGID)
        #expect(html.status == 200 && html.body.contains("双随机抽查结果公示"), "\(html.body)")
        #expect(await call("GET", "/v1/disclosure?format=pdf", gid: Self.adminGID).status == 400)
        #expect(await call("GET", "/v1/disclosure", gid: Self.memberGID).status == 403)
    }

    @Test func theListLeavesSealedVisitsOutForSupervisors() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let today = state.zone.date(atUTC: now)
        let target = "/v1/visits?from=\(today)&to=\(today.adding(days: 6))"
        let admin = await call("GET", target, gid: Self.adminGID)
        let supervisor = await call("GET", target, gid: Self.supervisorGID)
        #expect(admin.status == 200 && supervisor.status == 200, "\(supervisor.body)")
        let all = try JSONDecoder().decode([VisitItem].self, from: Data(admin.body.utf8))
        let shown = try JSONDecoder().decode([VisitItem].self, from: Data(supervisor.body.utf8))
        let teams = Dictionary(uniqueKeysWithValues: try state.store.rosterTeams(from: today, through: today.adding(days: 6)).map { ($0.id, $0) })
        let releasedBy = now + 1440 * 60
        let sealed = all.filter { (teams[$0.shift]?.startsAt ?? 0) > releasedBy + 60 }
        #expect(!sealed.isEmpty)
        #expect(shown.allSatisfy { (teams[$0.shift]?.startsAt ?? .max) <= releasedBy + 60 }, "a supervisor got a sealed visit")
        #expect(shown.count < all.count)
        #expect(await call("GET", target, gid: Self.outsiderGID).status == 403)
        let reads = try state.store.auditEntries(since: nil, uid: nil, limit: 1000).filter { $0.action == "GET /v1/visits" }
        #expect(reads.contains { $0.uid == 5000 + Self.adminGID && $0.outcome == 200 }, "the admin's read of sealed lists is audited")
    }
}
