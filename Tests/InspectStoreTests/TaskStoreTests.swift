import Foundation
import InspectCalendar
import InspectStore
import Testing

/// Targeted tasks on a real SQLite file: a task's visit goes after the team's visits, a
/// batch with one unplaceable team stores nothing, cancelling closes the gap, and the
/// draw's history never sees a targeted visit.
@Suite struct TaskStoreTests {
    let store: InspectStore
    let start: Int64 = 1_800_000_000

    init() throws {
        let directory = NSTemporaryDirectory() + "inspectd-tasks-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try InspectStore.open(inDirectory: directory)
        let teams = [
            RosterStoreTests.team(0, startsAt: start, members: ["I1"], visits: ["S1", "S2"]),
            RosterStoreTests.team(1, startsAt: start, members: ["I2"], visits: ["S3"]),
        ]
        try store.saveRoster(RosterChange(plan: RosterStoreTests.plan("test", at: start - 86_400), upserts: teams, removals: [], shortfalls: []), now: start - 86_400)
    }

    func task(_ site: String) -> StoredTask {
        StoredTask(siteID: site, fromAt: start - 86_400, byAt: start + 86_400, reason: "complaint", uid: 0, createdAt: start - 86_400)
    }

    var team0: String { StoredTeam.id(date: RosterStoreTests.day, periodID: "day", zone: "north", index: 0) }
    var team1: String { StoredTeam.id(date: RosterStoreTests.day, periodID: "day", zone: "north", index: 1) }

    @Test func aBatchIsStoredWholeOrNotAtAll() throws {
        let row = TaskPlacementRow(teamID: team0, locality: "l9", risk: "B")
        // The second team is gone: nothing of the batch is kept.
        #expect(throws: StoreError.self) {
            try store.addTasks([(task("S8"), row), (task("S9"), TaskPlacementRow(teamID: "no-such-team", locality: "l9", risk: "B"))], notBefore: 0)
        }
        #expect(try store.tasks().isEmpty)
        #expect(try store.rosterTeam(team0)?.visits.map(\.siteID) == ["S1", "S2"])
        // The second team has started by notBefore (the first one would still take it): nothing is kept either.
        try store.saveRoster(
            RosterChange(
                plan: RosterStoreTests.plan("later team", at: start - 86_400),
                upserts: [RosterStoreTests.team(2, startsAt: start + 7200, members: ["I3"], visits: ["S4"])], removals: [], shortfalls: []),
            now: start - 86_400)
        let later = StoredTeam.id(date: RosterStoreTests.day, periodID: "day", zone: "north", index: 2)
        #expect(throws: StoreError.self) {
            try store.addTasks([(task("S8"), TaskPlacementRow(teamID: later, locality: "l9", risk: "B")), (task("S9"), row)], notBefore: start)
        }
        #expect(try store.tasks().isEmpty)
        #expect(try store.rosterTeam(later)?.visits.map(\.siteID) == ["S4"])

        let stored = try store.addTasks([(task("S8"), row), (task("S9"), nil)], notBefore: start - 3600)
        #expect(stored.map(\.status) == ["placed", "unplaced"])
        let visits = try #require(try store.rosterTeam(team0)?.visits)
        #expect(visits.map(\.siteID) == ["S1", "S2", "S8"] && visits.last?.taskID == stored[0].id && visits.last?.origin == "task:\(stored[0].id) complaint")
        #expect(try store.tasksWithoutVisit().map(\.id) == [stored[1].id])
        // The draw's history: random visits only.
        #expect(try store.visitHistory(from: RosterStoreTests.day).map(\.siteID).sorted() == ["S1", "S2", "S3", "S4"])
        // Too late: a team starting before notBefore takes no task.
        #expect(throws: StoreError.self) { try store.addTasks([(task("S7"), TaskPlacementRow(teamID: team1, locality: "l9", risk: "B"))], notBefore: start) }
    }

    @Test func cancellingTakesTheVisitOffAndClosesTheGap() throws {
        let stored = try store.addTasks(
            [
                (task("S8"), TaskPlacementRow(teamID: team0, locality: "l9", risk: "B")),
                (task("S9"), TaskPlacementRow(teamID: team0, locality: "l9", risk: "C")),
            ], notBefore: start - 3600)
        let cancelled = try store.cancelTask(stored[0].id, notBefore: start - 3600)
        #expect(cancelled?.status == "cancelled")
        let visits = try #require(try store.rosterTeam(team0)?.visits)
        #expect(visits.map(\.siteID) == ["S1", "S2", "S9"] && visits[2].taskID == stored[1].id)
        #expect(throws: StoreError.self) { try store.cancelTask(stored[0].id, notBefore: start - 3600) }
        // Once the shift has started, the visit stays: record it instead.
        #expect(throws: StoreError.self) { try store.cancelTask(stored[1].id, notBefore: start) }
        #expect(try store.cancelTask(999, notBefore: 0) == nil)
    }

    @Test func aReleasedListIsNeverRenumberedByACancel() throws {
        let stored = try store.addTasks(
            [
                (task("S8"), TaskPlacementRow(teamID: team0, locality: "l9", risk: "B")),
                (task("S9"), TaskPlacementRow(teamID: team0, locality: "l9", risk: "C")),
            ], notBefore: start - 3600)
        try store.markReleased([(id: team0, notices: [])], at: start - 3600)
        // The team was told S8 as visit 3 and S9 as visit 4: the cancel is refused, and says why and what to do.
        let refusal = #expect(throws: StoreError.self) { try store.cancelTask(stored[0].id, notBefore: start - 3600) }
        let message = "\(refusal.map { "\($0)" } ?? "")"
        #expect(message.contains("released") && message.contains("record"), "\(message)")
        #expect(try store.rosterTeam(team0)?.visits.map(\.siteID) == ["S1", "S2", "S8", "S9"])
        #expect(try store.task(stored[0].id)?.status == "placed")
        // A cancel on a sealed list forgets the hosting shift.
        let other = try store.addTasks([(task("S7"), TaskPlacementRow(teamID: team1, locality: "l9", risk: "B"))], notBefore: start - 3600)
        #expect(try store.cancelTask(other[0].id, notBefore: start - 3600)?.teamID == nil)
        #expect(try store.task(other[0].id)?.teamID == nil)
    }
}
