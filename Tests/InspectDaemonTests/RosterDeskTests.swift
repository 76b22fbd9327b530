import Foundation
import InspectAPI
import InspectCalendar
import InspectConfig
import InspectCore
@testable import InspectDaemon
import InspectStore
import InspectSystemd
import Logging
import Testing

/// The rolling roster on a real (in-memory) database with the demo district: sealed site
/// lists, re-plans that leave started shifts and unaffected teams alone, and the draw replay.
@Suite struct RosterDeskTests {
    let state: DaemonState
    let router: APIRouter
    let desk: RosterDesk

    init() throws {
        var configuration = DaemonConfiguration.default
        configuration.roster.horizonDays = 7
        // Released 24 hours ahead: teams starting within a day are visible, the rest sealed.
        configuration.visits.releaseLeadMinutes = 1440
        let loaded = ConfigurationLoader.Loaded(
            configuration: configuration, access: AccessPolicy(adminGroups: [1001], supervisorGroups: [1002]),
            zone: .chinaStandardTime, calendar: .builtIn, templates: .builtIn)
        let store = try InspectStore.inMemory()
        state = DaemonState(configPath: "/etc/inspectd/inspectd.toml", loaded: loaded, store: store, notifier: ServiceNotifier())
        router = APIRouter(state: state, version: "test")
        desk = RosterDesk(state: state, logger: Logger(label: "test"))
        let district = DemoDistrict.generate()
        let importer = DirectoryImporter(store: store)
        for kind in [DirectoryKind.units, .inspectors, .sites] {
            _ = try importer.importFile(kind, bytes: Array(district.csv(kind).utf8), file: "\(kind).csv", encoding: nil, uid: 0, dryRun: false)
        }
    }

    var now: Int64 { Int64(Date().timeIntervalSince1970) }

    func roster(gid: UInt32) async throws -> RosterReport {
        let response = await router.respond(
            to: APIRequest(method: "GET", target: "/v1/roster", contentType: nil, body: [], peer: PeerCredentials(pid: 1, uid: 500, gid: gid, groups: [gid])))
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
        return try JSONDecoder().decode(RosterReport.self, from: Data(response.body))
    }

    @Test func sealedVisitsReachOnlyAdminsUntilTheirRelease() async throws {
        let outcome = try desk.replan(reason: "initial plan", uid: 0, now: now)
        #expect(outcome.plan != nil)
        let admin = try await roster(gid: 1001)
        let supervisor = try await roster(gid: 1002)
        #expect(!admin.shifts.isEmpty && admin.shifts.count == supervisor.shifts.count)
        let cutoff = now + 86_400
        var sealedSeen = 0
        for (full, limited) in zip(admin.shifts, supervisor.shifts) {
            #expect(full.id == limited.id)
            #expect(!full.visits.isEmpty, "an admin always gets the visits: \(full.id)")
            let start = try #require(RosterDeskTests.instant(full.start))
            if start > cutoff + 60 {
                #expect(limited.sealed && limited.visits.isEmpty, "\(limited.id) is sealed until \(limited.releaseAt)")
                sealedSeen += 1
            } else if start < cutoff - 60 {
                #expect(!limited.sealed && limited.visits == full.visits, "\(limited.id) was released at \(limited.releaseAt)")
            }
        }
        #expect(sealedSeen > 0)
        #expect(admin.plan?.seed != nil, "an admin sees the seed")
        #expect(supervisor.plan?.seed == nil, "the seed stays hidden while the planned dates lie ahead")
    }

    static func instant(_ text: String) -> Int64? {
        APIRouter.instant(text, zone: .chinaStandardTime)
    }

    @Test func aReplanWithNothingChangedStoresNothingAndLeaveChangesOnlyThatPersonsTeams() async throws {
        let first = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let firstPlan = try #require(first.plan)
        let again = try desk.replan(reason: "configuration reloaded", uid: 0, now: now)
        #expect(again.plan?.id == nil, "nothing changed, so no new plan")

        let context = try desk.context(now: now)
        let before = try state.store.rosterTeams(from: context.today, through: context.lastDate)
        var counts: [String: Int] = [:]
        for team in before where team.startsAt > now + 86_400 { for member in team.memberIDs { counts[member, default: 0] += 1 } }
        let person = try #require(counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
        _ = try state.store.addLeave(
            StoredLeave(inspectorID: person, from: context.today.adding(days: 2), through: context.lastDate, reason: "培训", uid: 0, createdAt: now))
        let replanned = try desk.replan(reason: "leave added for \(person)", uid: 0, now: now)
        let plan = try #require(replanned.plan)
        #expect(plan.id > firstPlan.id)
        let after = Dictionary(uniqueKeysWithValues: try state.store.rosterTeams(from: context.today, through: context.lastDate).map { ($0.id, $0) })
        var theirs = 0
        var othersChanged = 0
        for team in before {
            let current = after[team.id]
            if team.date >= context.today.adding(days: 2) && team.memberIDs.contains(person) {
                theirs += 1
                #expect(current?.memberIDs.contains(person) != true, "\(person) is on leave but still on \(team.id)")
            } else if current?.memberIDs != team.memberIDs {
                othersChanged += 1
            }
        }
        #expect(theirs > 0)
        #expect(othersChanged <= theirs, "repairs may touch at most one other team per team the person left")
        #expect(plan.teamsChanged >= theirs)

        // Both draws replay bit for bit.
        for id in [firstPlan.id, plan.id] {
            let response = await router.respond(
                to: APIRequest(method: "GET", target: "/v1/plans/\(id)/verify", contentType: nil, body: [], peer: PeerCredentials(pid: 1, uid: 0, gid: 0, groups: [])))
            let verification = try JSONDecoder().decode(DrawVerification.self, from: Data(response.body))
            #expect(verification.identical, "\(verification.difference ?? "")")
        }
    }

    func status(_ method: String, _ target: String, body: String = "") async -> (Int, String) {
        let response = await router.respond(
            to: APIRequest(method: method, target: target, contentType: "application/json", body: Array(body.utf8), peer: PeerCredentials(pid: 1, uid: 0, gid: 0, groups: [])))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    @Test func badQueriesGetA400SayingWhatToWrite() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let locality = try #require(try state.store.units().first { $0.kind == .locality }?.id)
        let cases: [(String, String, String)] = [
            ("GET", "/v1/roster?unit=\(locality)", "takes a department"),
            ("GET", "/v1/roster?from=2026-13-01", "YYYY-MM-DD"),
            ("GET", "/v1/plans?limit=abc", "1 to 1000"),
            ("GET", "/v1/plans/abc/verify", "not a plan number"),
            ("GET", "/v1/duty?at=tomorrow", "YYYY-MM-DDTHH:MM"),
        ]
        for (method, target, message) in cases {
            let (code, body) = await status(method, target)
            #expect(code == 400 && body.contains(message), "\(target): \(code) \(body)")
        }
        let team = try #require(try state.store.rosterTeams(from: try desk.context(now: now).today.adding(days: 2), through: try desk.context(now: now).lastDate).first)
        let encoded = team.id.replacingOccurrences(of: "/", with: "%2F")
        let (code, body) = await status("POST", "/v1/roster/shifts/\(encoded)/assign", body: #"{"members": ["I001", "I002", "I003"], "pinned": false}"#)
        #expect(code == 400 && body.contains("pinned"), "\(body)")
        let (unknown, _) = await status("GET", "/v1/roster/shifts/2026-01-01%2Fday%2Fnowhere%2F1/explain")
        #expect(unknown == 404)
    }

    @Test func aMemberWhoseHomeMovesIntoTheirTeamsListGetsTheListDrawnAgain() throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let context = try desk.context(now: now)
        // A team far enough ahead to be sealed, with visits; move a member's home into the
        // locality of one of its sites.
        let teams = try state.store.rosterTeams(from: context.today.adding(days: 3), through: context.lastDate)
        let team = try #require(teams.first { !$0.visits.isEmpty })
        let member = team.memberIDs[0]
        var inspectors = try state.store.inspectors()
        let index = try #require(inspectors.firstIndex { $0.id == member })
        inspectors[index].homeLocality = team.visits[0].locality
        let csv = DirectoryCSV.render(inspectors)
        _ = try DirectoryImporter(store: state.store).importFile(.inspectors, bytes: Array(csv.utf8), file: "inspectors.csv", encoding: nil, uid: 0, dryRun: false)
        let outcome = try desk.replan(reason: "inspectors imported from inspectors.csv", uid: 0, now: now)
        #expect(outcome.plan != nil)
        let homes = Dictionary(uniqueKeysWithValues: try state.store.inspectors().map { ($0.id, $0.homeLocality) })
        for stored in try state.store.rosterTeams(from: context.today.adding(days: 1), through: context.lastDate) {
            let recused = Set(stored.memberIDs.compactMap { homes[$0] ?? nil })
            #expect(!stored.visits.contains { recused.contains($0.locality) }, "\(stored.id) visits a member's home locality")
        }
    }

    @Test func aDeclaredConflictKeepsTheInspectorsTeamsAwayFromTheSite() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let context = try desk.context(now: now)
        let team = try #require(try state.store.rosterTeams(from: context.today.adding(days: 2), through: context.lastDate).first { !$0.visits.isEmpty })
        let member = team.memberIDs[0]
        let site = team.visits[0].siteID
        let (code, body) = await status("POST", "/v1/conflicts", body: #"{"inspector": "\#(member)", "site": "\#(site)", "reason": "亲属任该企业负责人"}"#)
        #expect(code == 201, "\(body)")
        for stored in try state.store.rosterTeams(from: context.today.adding(days: 1), through: context.lastDate)
        where stored.memberIDs.contains(member) {
            #expect(!stored.visits.contains { $0.siteID == site }, "\(stored.id) still sends \(member) to \(site)")
        }
        let (listed, list) = await status("GET", "/v1/conflicts")
        #expect(listed == 200 && list.contains(site))
        let (unknown, _) = await status("POST", "/v1/conflicts", body: #"{"inspector": "\#(member)", "site": "NOPE", "reason": ""}"#)
        #expect(unknown == 404)
    }
}
