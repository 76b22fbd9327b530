import Foundation
import InspectAPI
import InspectCalendar
import InspectConfig
import InspectCore
@testable import InspectDaemon
import InspectLedger
import InspectRoster
import InspectStore
import InspectSystemd
import Logging
import Testing

/// Targeted tasks on a real database with the demo district, through the real router:
/// placement with the least change, refusals that store nothing, re-plans that move a task
/// only when they must, draw records without targeted visits, and a disclosure of random
/// inspections only.
@Suite struct TargetedTaskTests {
    let state: DaemonState
    let router: APIRouter
    let desk: RosterDesk
    let district = DemoDistrict.generate()

    static let adminGID: UInt32 = 1001
    static let supervisorGID: UInt32 = 1002

    init() throws {
        var configuration = DaemonConfiguration.default
        configuration.roster.horizonDays = 7
        let loaded = ConfigurationLoader.Loaded(
            configuration: configuration, access: AccessPolicy(adminGroups: [Self.adminGID], supervisorGroups: [Self.supervisorGID]),
            zone: .chinaStandardTime, calendar: .builtIn, templates: .builtIn)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inspectd-tasks-\(UUID().uuidString)").path
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

    func call(_ method: String, _ target: String, gid: UInt32, body: String = "") async -> (status: Int, body: String) {
        let response = await router.respond(
            to: APIRequest(
                method: method, target: target, contentType: body.isEmpty ? nil : "application/json", body: Array(body.utf8),
                peer: PeerCredentials(pid: 4242, uid: 5000 + gid, gid: gid, groups: [gid])))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    func allTeams() throws -> [String: StoredTeam] {
        let context = try desk.context(now: now)
        return Dictionary(
            uniqueKeysWithValues: try state.store.rosterTeams(from: context.today, through: context.lastDate).map { ($0.id, $0) })
    }

    /// A site and the window of the roster's third and later days, where every team is sealed.
    func siteAndWindow() throws -> (site: Site, from: CivilDate, by: CivilDate) {
        let context = try desk.context(now: now)
        let zones = context.rules.zones
        let site = try #require(
            district.sites.sorted { $0.id < $1.id }.first { site in zones.contains { $0.localities.contains(site.locality) } })
        return (site, context.today.adding(days: 2), context.lastDate)
    }

    func addTask(site: String, from: String?, by: String, reason: String = "complaint", extra: String = "") async -> (status: Int, body: String) {
        let fromField = from.map { #", "from": "\#($0)""# } ?? ""
        return await call(
            "POST", "/v1/tasks", gid: Self.supervisorGID,
            body: #"{"site": "\#(site)", "by": "\#(by)"\#(fromField), "reason": "\#(reason)"\#(extra)}"#)
    }

    @Test func aComplaintTaskAddsOneVisitToOneFittingTeamAndChangesNothingElse() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let before = try allTeams()
        let (site, from, by) = try siteAndWindow()
        let answer = await addTask(site: site.id, from: from.description, by: by.description, extra: #", "note": "群众举报夜间偷排""#)
        #expect(answer.status == 201, "\(answer.body)")
        let task = try JSONDecoder().decode(TaskItem.self, from: Data(answer.body.utf8))
        #expect(task.status == "placed" && task.reason == "complaint" && task.site == site.id)
        // The supervisor learns that it is placed, not where: the list is sealed.
        #expect(task.sealed && task.shift == nil && task.visit == nil)
        let asAdmin = await call("GET", "/v1/tasks", gid: Self.adminGID)
        let shown = try #require(try JSONDecoder().decode([TaskItem].self, from: Data(asAdmin.body.utf8)).first)
        let host = try #require(shown.shift)
        #expect(!shown.sealed && shown.visit == "\(host)#\((before[host]?.visits.count ?? 0) + 1)")
        #expect(try state.store.auditEntries(since: nil, uid: nil, limit: 10).contains { $0.action == "GET /v1/tasks" && $0.detail.contains("sealed task host") })

        let after = try allTeams()
        #expect(Set(after.keys) == Set(before.keys))
        for (id, old) in before {
            let new = try #require(after[id])
            #expect(new.memberIDs == old.memberIDs, "members of \(id) changed")
            if id == host {
                #expect(Array(new.visits.dropLast()) == old.visits, "the host's random visits stay as drawn")
                let added = try #require(new.visits.last)
                #expect(added.siteID == site.id && added.taskID == task.id && added.origin == "task:\(task.id) complaint")
            } else {
                #expect(new.visits == old.visits, "\(id) changed")
            }
        }
        // The host fits: the site's zone, in the window, a day shift, nobody recused; and no
        // fitting team-shift starts earlier.
        let context = try desk.context(now: now)
        let zone = try #require(context.rules.zones.first { $0.localities.contains(site.locality) })
        let homes = Dictionary(uniqueKeysWithValues: context.inspectors.map { ($0.id, $0.homeLocality) })
        func fits(_ team: StoredTeam) -> Bool {
            team.zone == zone.id && team.date >= from && team.date <= by && !team.night
                && !team.memberIDs.contains { homes[$0] == site.locality }
        }
        let hosting = try #require(after[host])
        #expect(fits(hosting))
        let earliest = before.values.filter(fits).map(\.startsAt).min()
        #expect(hosting.startsAt == earliest)

        // Its origin shows in the visit listing (an admin sees sealed lists), the roster and the task list.
        let visits = await call("GET", "/v1/visits?from=\(hosting.date)&to=\(hosting.date)", gid: Self.adminGID)
        let items = try JSONDecoder().decode([VisitItem].self, from: Data(visits.body.utf8))
        #expect(items.filter { $0.origin != "random" }.map(\.id) == [shown.visit])
        #expect(items.filter { $0.origin == "random" }.count == items.count - 1)
        let roster = await call("GET", "/v1/roster?from=\(hosting.date)&to=\(hosting.date)", gid: Self.adminGID)
        let shift = try #require(try JSONDecoder().decode(RosterReport.self, from: Data(roster.body.utf8)).shifts.first { $0.id == host })
        #expect(shift.visits.last?.origin == "task:\(task.id) complaint")
        let listed = await call("GET", "/v1/tasks?status=placed", gid: Self.supervisorGID)
        #expect(try JSONDecoder().decode([TaskItem].self, from: Data(listed.body.utf8)).map(\.id) == [task.id])
        // The add is audited.
        #expect(try state.store.auditEntries(since: nil, uid: nil, limit: 10).contains { $0.action == "POST /v1/tasks" && $0.outcome == 201 })
        // Cancelling takes the visit off again: the roster is as it was.
        let cancelled = await call("POST", "/v1/tasks/cancel", gid: Self.supervisorGID, body: #"{"id": \#(task.id)}"#)
        #expect(cancelled.status == 200, "\(cancelled.body)")
        #expect(try allTeams() == before)
    }

    @Test func anImpossibleDeadlineIsRefusedWithWhyAndNothingIsStored() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let before = try allTeams()
        let (site, _, _) = try siteAndWindow()
        // Within the next ten minutes every shift has started or starts within the freeze margin.
        let zone = state.zone
        let soon = zone.iso8601(utcSeconds: now + 600)
        let answer = await addTask(site: site.id, from: nil, by: soon)
        #expect(answer.status == 409, "\(answer.body)")
        #expect(answer.body.contains("task not added: no ") && answer.body.contains("zone"), "\(answer.body)")
        #expect(try state.store.tasks().isEmpty)
        #expect(try allTeams() == before)
        // A night task when the window holds only day shifts says so.
        let context = try desk.context(now: now)
        let day = context.today.adding(days: 3)
        let dayShift = try #require(before.values.first { $0.date == day && !$0.night && $0.zone == context.rules.zones.first { $0.localities.contains(site.locality) }?.id })
        let night = await addTask(
            site: site.id, from: zone.iso8601(utcSeconds: dayShift.startsAt), by: zone.iso8601(utcSeconds: dayShift.endsAt), extra: #", "night": true"#)
        #expect(night.status == 409 && night.body.contains("are day shifts (the task asks for a night shift)"), "\(night.body)")
        #expect(try state.store.tasks().isEmpty)
        // A deadline before the start is bad input.
        let swapped = await addTask(site: site.id, from: day.adding(days: 1).description, by: day.description)
        #expect(swapped.status == 400, "\(swapped.body)")
    }

    @Test func aTaskSurvivesAReplanThatChangesItsTeam() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let (site, from, by) = try siteAndWindow()
        let answer = await addTask(site: site.id, from: from.description, by: by.description)
        #expect(answer.status == 201, "\(answer.body)")
        let task = try JSONDecoder().decode(TaskItem.self, from: Data(answer.body.utf8))
        let hostID = try #require(try state.store.task(task.id)?.teamID)
        let host = try #require(try state.store.rosterTeam(hostID))
        // Leave for a member of the hosting team on that day takes them off it.
        let member = try #require(host.memberIDs.first)
        _ = try state.store.addLeave(StoredLeave(inspectorID: member, from: host.date, through: host.date, reason: "病假", uid: 0, createdAt: now))
        let replanned = try desk.replan(reason: "leave added for \(member)", uid: 0, now: now)
        #expect(replanned.plan != nil)
        #expect(try state.store.rosterTeam(host.id)?.memberIDs.contains(member) != true)

        let stored = try #require(try state.store.task(task.id))
        #expect(stored.status == "placed", "\(stored.problem)")
        let teams = try allTeams().values
        let carrying = teams.filter { $0.visits.contains { $0.taskID == task.id } }
        #expect(carrying.count == 1 && carrying.first?.id == stored.teamID)
        let newHost = try #require(carrying.first)
        let homes = Dictionary(uniqueKeysWithValues: try state.store.inspectors().map { ($0.id, $0.homeLocality) })
        #expect(!newHost.memberIDs.contains { homes[$0] == site.locality }, "recusal holds on \(newHost.id)")
        // Its new host carries it once, after its random visits, which stay as drawn.
        #expect(newHost.visits.filter { $0.taskID == task.id }.count == 1 && newHost.visits.last?.taskID == task.id)
        #expect(newHost.visits.dropLast().allSatisfy { $0.taskID == nil && $0.origin == "random" })
        #expect(try state.store.tasksWithoutVisit().isEmpty)

        // Every sealed list drawn again (as after a sites import): the random visits change,
        // the task is placed again, its former team first when it still fits.
        _ = try desk.replan(reason: "sites imported", uid: 0, now: now, redrawSealed: true)
        let moved = try #require(try state.store.task(task.id))
        #expect(moved.status == "placed")
        let carriers = try allTeams().values.filter { $0.visits.contains { $0.taskID == task.id } }
        #expect(carriers.map(\.id) == [moved.teamID].compactMap { $0 })
        #expect(moved.teamID == stored.teamID || !(carriers.first?.memberIDs.contains { homes[$0] == site.locality } ?? true))
        // The release notice tells the team which visit is targeted, and why.
        let composer = RosterNoticeComposer(context: try desk.context(now: now), now: now)
        let carrier = try #require(carriers.first)
        let released = try #require(composer.releaseNotices(carrier).first)
        #expect(released.notice.body.contains("【定向检查 任务\(task.id)：信访投诉】"), "\(released.notice.body)")

        // The random draws replay bit for bit, and no draw holds the targeted visit.
        for plan in try state.store.rosterPlans(limit: 10) {
            let verify = await call("GET", "/v1/plans/\(plan.id)/verify", gid: Self.adminGID)
            #expect(verify.status == 200, "\(verify.body)")
            #expect(try JSONDecoder().decode(DrawVerification.self, from: Data(verify.body.utf8)).identical, "\(verify.body)")
            let full = try #require(try state.store.rosterPlan(plan.id))
            guard !full.drawResult.isEmpty else { continue }
            let result = try JSONDecoder().decode(DrawResult.self, from: Data(full.drawResult))
            let slotVisits = result.visits.filter { $0.slotID == newHost.id }
            #expect(slotVisits.count <= state.configuration.visits.perTeam)
        }
        // The history the next draw reads leaves the targeted visit out.
        let history = try state.store.visitHistory(from: newHost.date)
        let randomThere = teams.contains { $0.date == newHost.date && $0.periodID == newHost.periodID && $0.visits.contains { $0.taskID == nil && $0.siteID == site.id } }
        #expect(randomThere || !history.contains { $0.siteID == site.id && $0.date == newHost.date && $0.periodID == newHost.periodID })
    }

    @Test func aTaskThatNoLongerFitsIsReportedUnplacedAndCancelTakesItsVisitOff() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let (site, from, by) = try siteAndWindow()
        let answer = await addTask(site: site.id, from: from.description, by: by.description)
        let task = try JSONDecoder().decode(TaskItem.self, from: Data(answer.body.utf8))
        let hostID = try #require(try state.store.task(task.id)?.teamID)
        let host = try #require(try state.store.rosterTeam(hostID))
        // Every inspector declares a conflict with the site: no team fits any more.
        for inspector in try state.store.inspectors() {
            try state.store.declareConflict(StoredConflict(inspectorID: inspector.id, siteID: site.id, reason: "测试", uid: 0, createdAt: now))
        }
        // A plain re-plan (no sealed list drawn again, no member changed) moves it off.
        _ = try desk.replan(reason: "conflicts declared", uid: 0, now: now)
        let stored = try #require(try state.store.task(task.id))
        #expect(stored.status == "unplaced" && stored.problem.contains("declared conflict"), "\(stored.status): \(stored.problem)")
        #expect(try state.store.rosterTeam(host.id)?.visits.contains { $0.taskID == task.id } == false)
        #expect(state.warnings.contains { $0.hasPrefix("tasks: 1 targeted task not placed") }, "\(state.warnings)")
        let cancelled = await call("POST", "/v1/tasks/cancel", gid: Self.supervisorGID, body: #"{"id": \#(task.id)}"#)
        #expect(cancelled.status == 200, "\(cancelled.body)")
        #expect(try JSONDecoder().decode(TaskItem.self, from: Data(cancelled.body.utf8)).status == "cancelled")
        let again = await call("POST", "/v1/tasks/cancel", gid: Self.supervisorGID, body: #"{"id": \#(task.id)}"#)
        #expect(again.status == 409, "\(again.body)")
    }

    @Test func aConflictDeclaredByAHostMemberMovesTheTaskAtAPlainReplan() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let (site, from, by) = try siteAndWindow()
        let answer = await addTask(site: site.id, from: from.description, by: by.description)
        #expect(answer.status == 201, "\(answer.body)")
        let task = try JSONDecoder().decode(TaskItem.self, from: Data(answer.body.utf8))
        let hostID = try #require(try state.store.task(task.id)?.teamID)
        let host = try #require(try state.store.rosterTeam(hostID))
        let member = try #require(host.memberIDs.first)
        try state.store.declareConflict(StoredConflict(inspectorID: member, siteID: site.id, reason: "亲属经营", uid: 0, createdAt: now))
        _ = try desk.replan(reason: "conflict declared by \(member)", uid: 0, now: now)
        #expect(try state.store.rosterTeam(hostID)?.memberIDs == host.memberIDs, "the members stay")
        #expect(try state.store.rosterTeam(hostID)?.visits == host.visits.filter { $0.taskID != task.id })
        let moved = try #require(try state.store.task(task.id))
        #expect(moved.status == "placed" && moved.teamID != hostID, "\(moved.status) on \(moved.teamID ?? "-"): \(moved.problem)")
        let carrier = try #require(try allTeams().values.first { $0.visits.contains { $0.taskID == task.id } })
        #expect(carrier.id == moved.teamID && !carrier.memberIDs.contains(member))
    }

    @Test func aHostMembersNewHomeLocalityMovesTheTaskAtAPlainReplan() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let (site, from, by) = try siteAndWindow()
        let answer = await addTask(site: site.id, from: from.description, by: by.description)
        let task = try JSONDecoder().decode(TaskItem.self, from: Data(answer.body.utf8))
        let hostID = try #require(try state.store.task(task.id)?.teamID)
        let member = try #require(try state.store.rosterTeam(hostID)?.memberIDs.first)
        // The member moves house into the site's locality: the directory is imported again.
        var moved = district
        moved.inspectors = moved.inspectors.map { inspector in
            var changed = inspector
            if changed.id == member { changed.homeLocality = site.locality }
            return changed
        }
        _ = try DirectoryImporter(store: state.store).importFile(
            .inspectors, bytes: Array(moved.csv(.inspectors).utf8), file: "inspectors.csv", encoding: nil, uid: 0, dryRun: false)
        _ = try desk.replan(reason: "inspectors imported", uid: 0, now: now)
        let placed = try #require(try state.store.task(task.id))
        #expect(placed.status == "placed", "\(placed.problem)")
        let carrier = try #require(try allTeams().values.first { $0.visits.contains { $0.taskID == task.id } })
        #expect(carrier.id == placed.teamID && !carrier.memberIDs.contains(member), "\(carrier.id) keeps \(member)")
    }

    @Test func aTaskOnAReleasedListIsNotCancelledSinceTheTeamKnowsItsNumbers() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let (site, from, by) = try siteAndWindow()
        let answer = await addTask(site: site.id, from: from.description, by: by.description)
        let task = try JSONDecoder().decode(TaskItem.self, from: Data(answer.body.utf8))
        let hostID = try #require(try state.store.task(task.id)?.teamID)
        try state.store.markReleased([(id: hostID, notices: [])], at: now)
        let before = try allTeams()
        let cancelled = await call("POST", "/v1/tasks/cancel", gid: Self.supervisorGID, body: #"{"id": \#(task.id)}"#)
        #expect(cancelled.status == 409 && cancelled.body.contains("released") && cancelled.body.contains("record"), "\(cancelled.body)")
        #expect(try allTeams() == before)
        #expect(try state.store.task(task.id)?.status == "placed")
        // A conflict declared later does not take it off the released list either: the list is kept whole.
        let member = try #require(before[hostID]?.memberIDs.first)
        try state.store.declareConflict(StoredConflict(inspectorID: member, siteID: site.id, reason: "测试", uid: 0, createdAt: now))
        _ = try desk.replan(reason: "conflict declared", uid: 0, now: now)
        #expect(try state.store.rosterTeam(hostID)?.visits == before[hostID]?.visits)
    }

    @Test func theJournalNamesNoSealedHostAndAnUnplacedReasonDoesNotChangeDayByDay() async throws {
        let journal = JournalCapture()
        let logger = Logger(label: "test") { _ in journal }
        let capturing = RosterDesk(state: state, logger: logger)
        _ = try capturing.replan(reason: "initial plan", uid: 0, now: now)
        let (site, from, by) = try siteAndWindow()
        let answer = await addTask(site: site.id, from: from.description, by: by.description)
        let task = try JSONDecoder().decode(TaskItem.self, from: Data(answer.body.utf8))
        let hostID = try #require(try state.store.task(task.id)?.teamID)
        let host = try #require(try state.store.rosterTeam(hostID))
        let member = try #require(host.memberIDs.first)
        try state.store.declareConflict(StoredConflict(inspectorID: member, siteID: site.id, reason: "测试", uid: 0, createdAt: now))
        _ = try capturing.replan(reason: "conflict declared", uid: 0, now: now)
        let newHost = try #require(try state.store.task(task.id)?.teamID)
        #expect(newHost != hostID)
        let lines = journal.lines
        #expect(lines.contains { $0.contains("task \(task.id)") }, "\(lines)")
        #expect(!lines.contains { $0.contains(hostID) || $0.contains(newHost) }, "\(lines)")
        // A window past the horizon: the reason why not is the same tomorrow as today.
        let desk = TaskDesk(state: state, logger: logger)
        let context = try capturing.context(now: now)
        let late = StoredTask(
            siteID: site.id, fromAt: state.zone.startOfDay(context.lastDate.adding(days: 5)), byAt: state.zone.startOfDay(context.lastDate.adding(days: 6)),
            reason: "complaint", uid: 0, createdAt: now)
        guard case .refused(let today) = try desk.place(late, context: context),
            case .refused(let tomorrow) = try desk.place(late, context: try capturing.context(now: now + 86_400))
        else {
            Issue.record("a task past the horizon was placed")
            return
        }
        #expect(today == tomorrow && !today.contains(context.lastDate.adding(days: 1).description), "\(today) / \(tomorrow)")
    }

    @Test func aCampaignPlacesEveryMatchingSiteSpreadOverTeamsOrNothing() async throws {
        _ = try desk.replan(reason: "initial plan", uid: 0, now: now)
        let before = try allTeams()
        let (_, from, by) = try siteAndWindow()
        let context = try desk.context(now: now)
        let zoned = district.sites.filter { site in context.rules.zones.contains { $0.localities.contains(site.locality) } }
        let kinds = Dictionary(grouping: zoned, by: \.kind).filter { $0.value.count >= 3 && $0.value.count <= 12 }
        let (kind, sites) = try #require(kinds.min { ($0.value.count, $0.key) < ($1.value.count, $1.key) })

        // One site nobody may visit: the whole campaign is refused, naming it, and nothing is stored.
        let blocked = sites[0]
        for inspector in try state.store.inspectors() {
            try state.store.declareConflict(StoredConflict(inspectorID: inspector.id, siteID: blocked.id, reason: "测试", uid: 0, createdAt: now))
        }
        let refused = await call(
            "POST", "/v1/campaigns", gid: Self.supervisorGID, body: #"{"name": "专项", "from": "\#(from)", "to": "\#(by)", "kind": "\#(kind)"}"#)
        #expect(refused.status == 409, "\(refused.body)")
        #expect(refused.body.contains("\(blocked.id): no team in zone") && refused.body.contains("1 of \(sites.count) sites"), "\(refused.body)")
        #expect(try state.store.tasks().isEmpty)
        #expect(try allTeams() == before)

        // The others, listed: each placed, spread over teams.
        let listed = sites.dropFirst().map { "\"\($0.id)\"" }.joined(separator: ", ")
        let answer = await call(
            "POST", "/v1/campaigns", gid: Self.supervisorGID,
            body: #"{"name": "专项", "from": "\#(from)", "to": "\#(by)", "sites": [\#(listed)], "note": "VOCs"}"#)
        #expect(answer.status == 201, "\(answer.body)")
        let outcome = try JSONDecoder().decode(CampaignOutcome.self, from: Data(answer.body.utf8))
        #expect(outcome.tasks.count == sites.count - 1 && outcome.tasks.allSatisfy { $0.status == "placed" && $0.reason == "special" })
        #expect(Set(outcome.tasks.map(\.site)) == Set(sites.dropFirst().map(\.id)))
        #expect(outcome.tasks.allSatisfy { $0.sealed && $0.shift == nil }, "sealed from the supervisor")
        let hosts = Dictionary(grouping: try outcome.tasks.compactMap { try state.store.task($0.id)?.teamID }, by: { $0 }).mapValues(\.count)
        #expect(hosts.values.max() == 1, "every site on its own team: \(hosts)")
        let after = try allTeams()
        for (id, old) in before {
            let new = try #require(after[id])
            #expect(new.memberIDs == old.memberIDs)
            #expect(Array(new.visits.prefix(old.visits.count)) == old.visits)
            #expect(new.visits.count == old.visits.count + (hosts[id] ?? 0))
        }
    }

    @Test func theDisclosureCoversRandomInspectionsOnly() async throws {
        // An ended shift with two random visits and one targeted visit, all recorded.
        let start = now - 6 * 3600
        let date = state.zone.date(atUTC: start)
        let sites = district.sites.sorted { $0.id < $1.id }
        let random = Array(sites.prefix(2))
        let targeted = sites[2]
        let team = StoredTeam(
            id: StoredTeam.id(date: date, periodID: "day", zone: "test", index: 0), date: date, periodID: "day", zone: "test", index: 0,
            startsAt: start, endsAt: start + 4 * 3600, dayKind: "workday", rain: false, night: false, pinned: false,
            memberIDs: [district.inspectors[0].id],
            visits: random.map { StoredVisit(siteID: $0.id, locality: $0.locality, risk: $0.risk.rawValue, reason: "weighted") })
        let plan = StoredPlan(
            createdAt: start - 86_400, reason: "test", uid: 0, firstDate: date, lastDate: date, teamsAdded: 1, teamsChanged: 0, teamsRemoved: 0,
            visitsDrawn: 2, shortfalls: 0, inputDigest: "", seed: 1, generator: "test", drawDigest: "", drawInput: [], drawResult: [])
        try state.store.saveRoster(RosterChange(plan: plan, upserts: [team], removals: [], shortfalls: []), now: start - 86_400)
        let task = StoredTask(siteID: targeted.id, fromAt: start - 86_400, byAt: start + 86_400, reason: "complaint", uid: 0, createdAt: start - 86_400)
        _ = try state.store.addTasks(
            [(task, TaskPlacementRow(teamID: team.id, locality: targeted.locality, risk: targeted.risk.rawValue))], notBefore: start - 86_400)
        for position in 0..<3 {
            _ = try state.store.recordVisitResult(
                StoredVisitResult(
                    teamID: team.id, position: position, outcome: .compliant, measures: [], note: "", caseID: nil, uid: 0, recordedAt: start + 3600),
                replace: false, newCase: nil, at: "2026-01-01T00:00:00+08:00")
        }
        #expect(try state.store.tasks().first?.status == "done", "a recorded targeted visit finishes its task")
        let answer = await call("GET", "/v1/disclosure?from=\(date)&to=\(date)", gid: Self.supervisorGID)
        #expect(answer.status == 200)
        for site in random { #expect(answer.body.contains(site.name), "\(site.name) is a random inspection") }
        #expect(!answer.body.contains(targeted.name), "the targeted visit stays out of the disclosure")
    }
}

/// A log handler that keeps what is logged, to check what reaches the journal.
final class JournalCapture: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var lines: [String] { lock.withLock { kept } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        lock.withLock { kept.append("\(event.message) \(fields)") }
    }
}
