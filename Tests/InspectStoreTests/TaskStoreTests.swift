import Foundation
import InspectCalendar
import InspectLedger
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

    /// The roster service's sweep asks for the rectified cases with a site that want a new
    /// verification visit: every way a case may stand, and what the answer is.
    @Test func theSweepGetsExactlyTheCasesWantingAVerificationVisit() throws {
        func item(_ id: String, _ status: CaseStatus, site: String? = "S-\(UUID().uuidString.prefix(4))") -> RectificationCase {
            var item = LedgerStoreTests.item(id, status: status)
            item.site = site
            return item
        }
        let cases = [
            item("C-NONE", .rectified), item("C-EXPIRED", .rectified), item("C-CANCELLED-THEN-EXPIRED", .rectified),
            item("C-COMPLAINT", .rectified), item("C-DONE-THEN-EXPIRED", .rectified),
            item("C-OPEN", .open), item("C-VERIFIED", .verified), item("C-NOSITE", .rectified, site: nil), item("C-EMPTYSITE", .rectified, site: ""),
            item("C-UNPLACED", .rectified), item("C-PLACED", .rectified), item("C-CANCELLED", .rectified),
            item("C-EXPIRED-THEN-CANCELLED", .rectified), item("C-DONE", .rectified), item("C-OLD-OPEN", .rectified),
        ]
        _ = try store.importCases(
            LedgerStoreTests.lines(cases), presentColumns: LedgerStoreTests.all, at: "t1", now: 1, uid: 0, file: "a.csv", dryRun: false,
            allow: { _, _ in nil }) { _ in [] }
        // What becomes of each task: expired (its deadline is gone), cancelled, done (its visit found the site not found), or left open.
        enum Fate { case expire, cancel, done, open }
        let row = TaskPlacementRow(teamID: team0, locality: "l9", risk: "B")
        var fates: [(task: StoredTask, fate: Fate)] = []
        func add(_ caseID: String, _ fate: Fate, reason: String = "verification") throws {
            var task = StoredTask(
                siteID: "S-\(caseID)", fromAt: start - 86_400, byAt: fate == .expire ? start - 1000 : start + 86_400, reason: reason, caseID: caseID,
                uid: 0, createdAt: start - 86_400)
            task = try store.addTasks([(task, fate == .done || caseID == "C-PLACED" ? row : nil)], notBefore: start - 3600)[0]
            fates.append((task, fate))
        }
        try add("C-EXPIRED", .expire)
        try add("C-CANCELLED-THEN-EXPIRED", .cancel)
        try add("C-CANCELLED-THEN-EXPIRED", .expire)
        try add("C-COMPLAINT", .open, reason: "complaint")
        try add("C-DONE-THEN-EXPIRED", .done)
        try add("C-DONE-THEN-EXPIRED", .expire)
        try add("C-VERIFIED", .expire)
        try add("C-NOSITE", .expire)
        try add("C-UNPLACED", .open)
        try add("C-PLACED", .open)
        try add("C-CANCELLED", .cancel)
        try add("C-EXPIRED-THEN-CANCELLED", .expire)
        try add("C-EXPIRED-THEN-CANCELLED", .cancel)
        try add("C-DONE", .done)
        try add("C-OLD-OPEN", .open)
        try add("C-OLD-OPEN", .expire)
        #expect(Set(try store.expireTasks(deadlineBy: start - 500).map(\.id)) == Set(fates.filter { $0.fate == .expire }.map(\.task.id)))
        for (task, fate) in fates where fate == .cancel { _ = try store.cancelTask(task.id, notBefore: 0) }
        let visits = try #require(try store.rosterTeam(team0)?.visits)
        for (task, fate) in fates where fate == .done {
            let position = try #require(visits.firstIndex { $0.taskID == task.id })
            _ = try store.recordVisitResult(
                StoredVisitResult(teamID: team0, position: position, outcome: .notFound, measures: [], note: "", caseID: nil, uid: 0, recordedAt: start + 60),
                replace: false, newCase: nil, at: "t2")
        }
        for (task, fate) in fates {
            let expected = switch fate {
            case .open: task.status
            case .expire: "expired"
            case .cancel: "cancelled"
            case .done: "done"
            }
            #expect(try store.task(task.id)?.status == expected, "task of \(task.caseID ?? "-")")
        }

        let wanting = try store.casesWantingVerification()
        #expect(wanting.map(\.item.id) == ["C-CANCELLED-THEN-EXPIRED", "C-COMPLAINT", "C-DONE-THEN-EXPIRED", "C-EXPIRED", "C-NONE"])
        #expect(wanting.map { $0.lastVerification?.status } == ["expired", nil, "expired", "expired", nil])
        for (item, last) in wanting { #expect(try last?.id == store.verificationTasks(ofCase: item.id).first?.id) }
        #expect(wanting.map(\.item) == cases.filter { wanting.map(\.item.id).contains($0.id) }.sorted { $0.id < $1.id })
        // The same as the sweep worked it out case by case from the whole ledger.
        let undecided = Set(try store.undecidedVerifications().map(\.caseID))
        #expect(undecided == ["C-DONE"])
        let open = Set(try store.openTasks().filter { $0.reason == "verification" }.compactMap(\.caseID))
        let byHand = try store.cases().filter { item in
            guard item.status == .rectified && !(item.site ?? "").isEmpty && !open.contains(item.id) && !undecided.contains(item.id) else { return false }
            return try store.verificationTasks(ofCase: item.id).first?.status != "cancelled"
        }
        #expect(wanting.map(\.item.id) == byHand.map(\.id))
    }
}
