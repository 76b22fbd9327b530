import Foundation
import InspectCalendar
import InspectNotices
import InspectStore
import Testing

/// The roster on a real SQLite file: plans with their draw records, teams with members and
/// visits, the guard that keeps started shifts as they were, releases, and leave.
@Suite struct RosterStoreTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "inspectd-roster-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    static let day = CivilDate(iso: "2026-12-01")!

    static func team(_ index: Int, startsAt: Int64, members: [String], visits: [String] = ["S1", "S2"]) -> StoredTeam {
        StoredTeam(
            id: StoredTeam.id(date: day, periodID: "day", zone: "north", index: index), date: day, periodID: "day", zone: "north",
            index: index, startsAt: startsAt, endsAt: startsAt + 8 * 3600, dayKind: "workday", rain: false, night: false, pinned: false,
            memberIDs: members, visits: visits.map { StoredVisit(siteID: $0, locality: "l1", risk: "A", reason: "weighted") })
    }

    static func plan(_ reason: String, at: Int64) -> StoredPlan {
        StoredPlan(
            createdAt: at, reason: reason, uid: 0, firstDate: day, lastDate: day.adding(days: 13), teamsAdded: 2, teamsChanged: 0,
            teamsRemoved: 0, visitsDrawn: 4, shortfalls: 0, inputDigest: "abc", seed: UInt64.max, generator: "test",
            drawDigest: "def", drawInput: Array("{}".utf8), drawResult: Array("[]".utf8))
    }

    static func notice(_ key: String) -> (notice: Notice, payload: [UInt8]) {
        let notice = Notice(
            id: NoticeID.make(dedupeKey: key), dedupeKey: key, kind: .roster, created: "2026-12-01T08:00:00+08:00",
            recipients: [NoticeRecipient(name: "张三", role: "inspector")], subject: "s", body: "b", data: .null, caseID: nil, unitID: nil,
            priority: 6)
        return (notice, NoticeJSON.encode(notice))
    }

    @Test func savesTeamsWithMembersVisitsAndThePlanThatSetThem() throws {
        let store = try InspectStore.open(inDirectory: directory)
        let planID = try store.saveRoster(
            RosterChange(
                plan: Self.plan("initial plan", at: 100),
                upserts: [Self.team(0, startsAt: 1000, members: ["I2", "I1", "I3"]), Self.team(1, startsAt: 1000, members: ["I4", "I5", "I6"])],
                removals: [], shortfalls: [StoredShortfall(date: Self.day, periodID: "night", zone: "north", missingTeams: 1, missingMembers: 3, reason: "no police")],
                notices: [Self.notice("roster:published:1")], meta: ["published_through": "2026-12-14"]),
            now: 100)
        let reopened = try InspectStore.open(inDirectory: directory)
        let teams = try reopened.rosterTeams(from: Self.day, through: Self.day)
        #expect(teams.map(\.id) == ["2026-12-01/day/north/1", "2026-12-01/day/north/2"])
        #expect(teams[0].memberIDs == ["I1", "I2", "I3"])
        #expect(teams[0].visits.map(\.siteID) == ["S1", "S2"] && teams[0].visits.allSatisfy { $0.planID == planID })
        #expect(teams[0].planID == planID)
        let plan = try #require(try reopened.rosterPlan(planID))
        #expect(plan.seed == UInt64.max && plan.drawInput == Array("{}".utf8) && plan.reason == "initial plan")
        #expect(try reopened.rosterShortfalls(from: Self.day, through: Self.day).map(\.reason) == ["no police"])
        #expect(try reopened.rosterMeta("published_through") == "2026-12-14")
        #expect(try reopened.pendingNoticeCount() == 1)
        #expect(try reopened.visitHistory(from: Self.day).count == 4)
        #expect(try reopened.visitHistory(from: Self.day, excludingTeams: [teams[0].id]).count == 2)
        // The one-transaction snapshot the roster answer is built from says the same.
        let snapshot = try reopened.rosterSnapshot(from: Self.day, through: Self.day)
        #expect(snapshot.teams == teams && snapshot.latestPlan?.id == planID && snapshot.latestPlan?.reason == "initial plan")
        #expect(snapshot.shortfalls.map(\.reason) == ["no police"] && snapshot.results.isEmpty)
        let later = try reopened.saveRoster(
            RosterChange(
                plan: Self.plan("rain periods changed", at: 200), upserts: [Self.team(1, startsAt: 1000, members: ["I7", "I8", "I9"])],
                removals: [], shortfalls: []),
            now: 200)
        let after = try reopened.rosterSnapshot(from: Self.day, through: Self.day)
        #expect(after.latestPlan?.id == later && after.teams.map(\.memberIDs)[1] == ["I7", "I8", "I9"])
    }

    @Test func aStartedShiftIsNeverChangedOrRemoved() throws {
        let store = try InspectStore.open(inDirectory: directory)
        try store.saveRoster(
            RosterChange(
                plan: Self.plan("initial plan", at: 100),
                upserts: [Self.team(0, startsAt: 1000, members: ["I1", "I2", "I3"]), Self.team(1, startsAt: 5000, members: ["I4", "I5", "I6"])],
                removals: [], shortfalls: []),
            now: 100)
        // At 2000 the first team's shift has started: changing or removing it does nothing;
        // the second may change.
        let second = try store.saveRoster(
            RosterChange(
                plan: Self.plan("leave added", at: 2000),
                upserts: [Self.team(0, startsAt: 1000, members: ["I7", "I8", "I9"]), Self.team(1, startsAt: 5000, members: ["I4", "I5", "I7"])],
                removals: [], shortfalls: []),
            now: 2000)
        try store.saveRoster(
            RosterChange(plan: Self.plan("rain withdrawn", at: 2100), upserts: [], removals: ["2026-12-01/day/north/1"], shortfalls: []),
            now: 2100)
        let teams = try store.rosterTeams(from: Self.day, through: Self.day)
        #expect(teams.count == 2)
        #expect(teams[0].memberIDs == ["I1", "I2", "I3"])
        #expect(teams[1].memberIDs == ["I4", "I5", "I7"] && teams[1].planID == second)
        #expect(try store.rosterTeams(onDutyAt: 1500).map(\.id) == ["2026-12-01/day/north/1"])

        // A new team for a shift running with nobody on it is added; one for an ended shift is not.
        try store.saveRoster(
            RosterChange(
                plan: Self.plan("initial plan", at: 2200),
                upserts: [Self.team(2, startsAt: 1000, members: ["I1", "I2", "I3"]), Self.team(3, startsAt: 2200 - 8 * 3600, members: ["I7", "I8", "I9"])],
                removals: [], shortfalls: []),
            now: 2200)
        #expect(try store.rosterTeams(from: Self.day, through: Self.day).map(\.id).contains("2026-12-01/day/north/3"))
        #expect(!(try store.rosterTeams(from: Self.day, through: Self.day).map(\.id).contains("2026-12-01/day/north/4")))
    }

    @Test func releasesOnceWithTheirNoticesAndAChangedTeamIsReleasedAgain() throws {
        let store = try InspectStore.open(inDirectory: directory)
        try store.saveRoster(
            RosterChange(plan: Self.plan("initial plan", at: 100), upserts: [Self.team(0, startsAt: 10_000, members: ["I1", "I2", "I3"])], removals: [], shortfalls: []),
            now: 100)
        #expect(try store.teamsDueForRelease(now: 100, leadSeconds: 1800).isEmpty)
        #expect(try store.nextUnreleasedStart(after: 100) == 10_000)
        let due = try store.teamsDueForRelease(now: 8300, leadSeconds: 1800)
        #expect(due.map(\.id) == ["2026-12-01/day/north/1"])
        try store.markReleased([(due[0].id, [Self.notice("release:1:a"), Self.notice("release:1:b")])], at: 8300)
        try store.markReleased([(due[0].id, [Self.notice("release:1:c")])], at: 8400)
        #expect(try store.pendingNoticeCount() == 2, "a second release of the same team adds nothing")
        #expect(try store.teamsDueForRelease(now: 8500, leadSeconds: 1800).isEmpty)
        try store.saveRoster(
            RosterChange(plan: Self.plan("leave added", at: 8600), upserts: [Self.team(0, startsAt: 10_000, members: ["I1", "I2", "I4"])], removals: [], shortfalls: []),
            now: 8600)
        #expect(try store.teamsDueForRelease(now: 8700, leadSeconds: 1800).count == 1, "the changed team gets its list again")
    }

    @Test func leaveIsFoundByOverlap() throws {
        let store = try InspectStore.open(inDirectory: directory)
        let stored = try store.addLeave(
            StoredLeave(inspectorID: "I1", from: Self.day, through: Self.day.adding(days: 4), reason: "病假", uid: 1000, createdAt: 5))
        #expect(stored.id > 0)
        #expect(try store.leaves(overlapping: Self.day.adding(days: 4), through: Self.day.adding(days: 9)).map(\.inspectorID) == ["I1"])
        #expect(try store.leaves(overlapping: Self.day.adding(days: 5), through: Self.day.adding(days: 9)).isEmpty)
        #expect(try store.leaves(overlapping: Self.day.adding(days: -3), through: Self.day).first?.reason == "病假")
    }
}
