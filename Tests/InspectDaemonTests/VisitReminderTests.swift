import Foundation
import InspectConfig
import InspectCore
@testable import InspectDaemon
import InspectLedger
import InspectNotices
import InspectStore
import InspectSystemd
import Logging
import Synchronization
import Testing

/// Keeps the events logged through it, for tests that check what is journaled.
struct CapturingLogHandler: LogHandler {
    let captured: CapturedEvents
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let name = event.metadata?["event"].map { "\($0)" } ?? ""
        captured.events.withLock { $0.append(name) }
    }
}

final class CapturedEvents: Sendable {
    let events = Mutex<[String]>([])
    var logger: Logger { Logger(label: "test") { _ in CapturingLogHandler(captured: self) } }
    var all: [String] { events.withLock { $0 } }
}

/// Reminders of unrecorded visits on a real SQLite database on disk, with the demo
/// district: one to the team, then one to each member's department leader, never for a
/// recorded visit, and nothing repeated after a restart.
@Suite struct VisitReminderTests {
    let directory: String
    let district = DemoDistrict.generate()
    let members: [String]
    static let hour: Int64 = 3600

    init() throws {
        directory = NSTemporaryDirectory() + "inspectd-reminders-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Two inspectors of different departments, so the escalation goes to two leaders.
        let inspectors = district.inspectors.sorted { $0.id < $1.id }
        let first = try #require(inspectors.first)
        let second = try #require(inspectors.first { $0.department != first.department })
        members = [first.id, second.id].sorted()
        let store = try InspectStore.open(inDirectory: directory)
        let importer = DirectoryImporter(store: store)
        for kind in [DirectoryKind.units, .inspectors, .sites] {
            _ = try importer.importFile(kind, bytes: Array(district.csv(kind).utf8), file: "\(kind).csv", encoding: nil, uid: 0, dryRun: false)
        }
    }

    /// A daemon's state over the database in `directory`: a new one is a restart.
    func daemon() throws -> DaemonState {
        var configuration = DaemonConfiguration.default
        configuration.district.name = "示范区"
        let loaded = ConfigurationLoader.Loaded(
            configuration: configuration, access: AccessPolicy(adminGroups: [], supervisorGroups: []), zone: .chinaStandardTime, calendar: .builtIn, templates: .builtIn)
        return DaemonState(
            configPath: "/etc/inspectd/inspectd.toml", loaded: loaded, store: try InspectStore.open(inDirectory: directory), notifier: ServiceNotifier())
    }

    var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// Stores a team of `members` with three visits whose shift ended an hour ago.
    func storeTeam(_ state: DaemonState, index: Int, released: Bool = true) throws -> StoredTeam {
        let start = now - 5 * Self.hour
        let date = state.zone.date(atUTC: start)
        let sites = district.sites.sorted { $0.id < $1.id }.prefix(3)
        let team = StoredTeam(
            id: StoredTeam.id(date: date, periodID: "day", zone: "test", index: index), date: date, periodID: "day", zone: "test", index: index,
            startsAt: start, endsAt: start + 4 * Self.hour, dayKind: "workday", rain: false, night: false, pinned: false, releasedAt: released ? start - 3600 : nil,
            memberIDs: members, visits: sites.map { StoredVisit(siteID: $0.id, locality: $0.locality, risk: $0.risk.rawValue, reason: "weighted") })
        let plan = StoredPlan(
            createdAt: start, reason: "test", uid: 0, firstDate: date, lastDate: date, teamsAdded: 1, teamsChanged: 0, teamsRemoved: 0,
            visitsDrawn: 3, shortfalls: 0, inputDigest: "", seed: 1, generator: "test", drawDigest: "", drawInput: [], drawResult: [])
        try state.store.saveRoster(RosterChange(plan: plan, upserts: [team], removals: [], shortfalls: []), now: start)
        return try #require(try state.store.rosterTeam(team.id))
    }

    func record(_ state: DaemonState, _ team: StoredTeam, position: Int) throws {
        _ = try state.store.recordVisitResult(
            StoredVisitResult(
                teamID: team.id, position: position, outcome: .compliant, measures: [], note: "", caseID: nil, uid: 0, recordedAt: team.endsAt),
            replace: false, newCase: nil, at: "2026-01-01T00:00:00+08:00")
    }

    func notices(_ state: DaemonState) throws -> [Notice] {
        try state.store.notices(pendingOnly: false, kind: nil, since: nil, caseID: nil, limit: 100).compactMap { NoticeJSON.decode($0.payload) }
    }

    @Test func oneReminderToTheTeamThenOneToEachDepartmentLeaderAndNothingAfterARestart() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var state = try daemon()
        let team = try storeTeam(state, index: 0)
        let recorded = try storeTeam(state, index: 1)
        for position in recorded.visits.indices { try record(state, recorded, position: position) }
        let desk = { (state: DaemonState) in VisitReminderDesk(state: state, logger: Logger(label: "test")) }

        #expect(try desk(state).decide(now: team.endsAt + 12 * Self.hour - 1).isEmpty)
        let reminders = try desk(state).decide(now: team.endsAt + 12 * Self.hour)
        let reminder = try #require(reminders.first)
        #expect(reminders.count == 1 && reminder.kind == .visitReminder)
        #expect(reminder.recipients.map(\.role) == ["inspector", "inspector"])
        let names = Dictionary(district.inspectors.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        #expect(reminder.recipients.map(\.name) == members.map { names[$0]! })
        #expect(reminder.subject.hasPrefix("【检查结果录入提醒】") && reminder.subject.hasSuffix("有 3 个检查点位未录入结果"))
        #expect(reminder.body.contains("\(team.id)#1") && reminder.body.contains("\(team.id)#3"))
        #expect(!reminder.body.contains(recorded.id))
        let fields = NoticeDispatcher.journalFields(reminder)
        #expect(fields["shift"] == "\(team.id)" && fields["kind"] == "visit_reminder" && fields["journal_message_id"] == "a1191be8b4ad41678549db9d36f3d104")
        // Deciding again, even much later, before the escalation, adds nothing.
        #expect(try desk(state).decide(now: team.endsAt + 12 * Self.hour).isEmpty)
        #expect(try desk(state).decide(now: team.endsAt + 47 * Self.hour).isEmpty)

        // One visit is recorded meanwhile: the escalation lists the other two.
        try record(state, team, position: 0)
        let escalations = try desk(state).decide(now: team.endsAt + 48 * Self.hour)
        let departments = Set(district.inspectors.filter { members.contains($0.id) }.map(\.department))
        #expect(escalations.count == 2 && escalations.allSatisfy { $0.kind == .visitEscalation })
        #expect(Set(escalations.compactMap(\.unitID)) == departments)
        for notice in escalations {
            let unit = try #require(district.units.first { $0.id == notice.unitID })
            #expect(notice.recipients.map(\.name) == [unit.leaderName] && notice.recipients.map(\.role) == ["unit_leader"])
            #expect(notice.subject.contains("有 2 个点位逾期未录入结果"), "\(notice.subject)")
            #expect(!notice.body.contains("\(team.id)#1") && notice.body.contains("\(team.id)#2"))
        }

        // A restart (a new state over the same database) repeats nothing.
        state = try daemon()
        #expect(try desk(state).decide(now: team.endsAt + 60 * Self.hour).isEmpty)
        let all = try notices(state)
        #expect(all.filter { $0.kind == .visitReminder }.count == 1 && all.filter { $0.kind == .visitEscalation }.count == 2)
    }

    /// A shift whose list was never released (it ended while the daemon was down) gets no
    /// reminder or escalation — the team never saw the sites — but is a status warning for
    /// the HQ while it is within the catch-up window.
    @Test func aShiftNeverReleasedIsNotRemindedButWarnedAbout() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try daemon()
        let unreleased = try storeTeam(state, index: 0, released: false)
        let desk = VisitReminderDesk(state: state, logger: Logger(label: "test"))
        #expect(try desk.decide(now: unreleased.endsAt + 12 * Self.hour).isEmpty)
        #expect(try desk.decide(now: unreleased.endsAt + 50 * Self.hour).isEmpty)
        #expect(try notices(state).isEmpty)
        let warning = try #require(state.warnings.first { $0.hasPrefix("visits:") }, "\(state.warnings)")
        #expect(warning.contains(unreleased.id) && warning.contains("never released"))
        // Out of the catch-up window, the warning goes.
        #expect(try desk.decide(now: unreleased.endsAt + 73 * Self.hour).isEmpty)
        #expect(!state.warnings.contains { $0.hasPrefix("visits:") })
    }

    /// A team whose inspectors are gone from the directory: the team reminder still goes out
    /// (named by id), but the escalation has no department to go to — it is settled with one
    /// journal warning, not rebuilt at every look.
    @Test func anEscalationWithNoOneToTellIsSettledWithOneWarning() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try daemon()
        let start = now - 5 * Self.hour
        let date = state.zone.date(atUTC: start)
        let site = try #require(district.sites.sorted { $0.id < $1.id }.first)
        let team = StoredTeam(
            id: StoredTeam.id(date: date, periodID: "day", zone: "test", index: 0), date: date, periodID: "day", zone: "test", index: 0,
            startsAt: start, endsAt: start + 4 * Self.hour, dayKind: "workday", rain: false, night: false, pinned: false, releasedAt: start - 3600,
            memberIDs: ["gone-1"], visits: [StoredVisit(siteID: site.id, locality: site.locality, risk: site.risk.rawValue, reason: "weighted")])
        let plan = StoredPlan(
            createdAt: start, reason: "test", uid: 0, firstDate: date, lastDate: date, teamsAdded: 1, teamsChanged: 0, teamsRemoved: 0,
            visitsDrawn: 1, shortfalls: 0, inputDigest: "", seed: 1, generator: "test", drawDigest: "", drawInput: [], drawResult: [])
        try state.store.saveRoster(RosterChange(plan: plan, upserts: [team], removals: [], shortfalls: []), now: start)
        let captured = CapturedEvents()
        let desk = VisitReminderDesk(state: state, logger: captured.logger)
        #expect(try desk.decide(now: team.endsAt + 48 * Self.hour).map(\.kind) == [.visitReminder])
        for minute in 1...3 { #expect(try desk.decide(now: team.endsAt + 48 * Self.hour + Int64(minute) * 60).isEmpty) }
        #expect(captured.all.filter { $0 == "visit_reminder_unaddressed" }.count == 1, "\(captured.all)")
    }

    @Test func afterDowntimeBothStepsGoOutOnceButOlderShiftsAreLeftAlone() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try daemon()
        let team = try storeTeam(state, index: 0)
        let desk = VisitReminderDesk(state: state, logger: Logger(label: "test"))
        // Past the catch-up window (3 days): nothing, ever.
        #expect(try desk.decide(now: team.endsAt + 72 * Self.hour).isEmpty)
        // Within it, the first look after downtime decides both steps at once, once.
        let caughtUp = try desk.decide(now: team.endsAt + 50 * Self.hour)
        #expect(caughtUp.map(\.kind.rawValue).sorted() == ["visit_escalation", "visit_escalation", "visit_reminder"])
        #expect(try desk.decide(now: team.endsAt + 51 * Self.hour).isEmpty)
    }
}
