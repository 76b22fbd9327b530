import Foundation
import InspectCalendar
import InspectCore
import InspectLedger
import InspectNotices
import InspectStore
import Testing

/// The ledger and the notices on a real SQLite file.
@Suite struct LedgerStoreTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "inspectd-ledger-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    static func item(_ id: String, status: CaseStatus = .open) -> RectificationCase {
        RectificationCase(
            id: id, title: "河道排污口整治", source: .complaint, category: "水源地", site: nil, unit: "baihe", personName: "张伟",
            personPhone: "13800000001",
            milestones: [Milestone(name: "制定方案", due: CivilDate(iso: "2026-12-01")!), Milestone(name: "完成整改", due: CivilDate(iso: "2026-12-10")!)],
            deadline: CivilDate(iso: "2026-12-20")!, status: status, measures: [.productionHalt])
    }

    static let all: Set<String> = ["id", "title", "source", "category", "unit", "person", "phone", "deadline", "status", "site", "milestones", "measures"]

    static func lines(_ items: [RectificationCase]) -> [(line: Int, value: RectificationCase)] {
        items.enumerated().map { (line: $0.offset + 2, value: $0.element) }
    }

    @Test func aReimportKeepsWhatTheFileLeavesOutAndObeysTheStatusRules() throws {
        let store = try InspectStore.open(inDirectory: directory)
        _ = try store.importCases(Self.lines([Self.item("C-1")]), presentColumns: Self.all, at: "t1", now: 1, uid: 0, file: "a.csv", dryRun: false, allow: { _, _ in nil }) { _ in [] }
        var bare = Self.item("C-1")
        bare.milestones = []
        bare.measures = []
        bare.title = "河道排污口整治（复查）"
        let columns: Set<String> = ["id", "title", "source", "category", "unit", "person", "phone", "deadline", "status"]
        _ = try store.importCases(Self.lines([bare]), presentColumns: columns, at: "t2", now: 2, uid: 0, file: "b.csv", dryRun: false, allow: { _, _ in nil }) { _ in [] }
        let kept = try #require(try store.findCase("C-1"))
        #expect(kept.title == "河道排污口整治（复查）")
        #expect(kept.milestones.count == 2 && kept.measures == [.productionHalt], "columns the file does not have are kept")
        // A status change the rules refuse rejects the whole file, naming the line.
        var closed = Self.item("C-1", status: .closed)
        closed.title = kept.title
        let error = #expect(throws: StoreError.self) {
            try store.importCases([(line: 7, value: closed)], presentColumns: Self.all, at: "t3", now: 3, uid: 0, file: "c.csv", dryRun: false, allow: { _, _ in "close only after verified" }) { _ in [] }
        }
        guard case .rejected(let problems)? = error else { Issue.record("not rejected"); return }
        #expect(problems.first?.line == 7 && problems.first?.column == "status")
        #expect(try store.findCase("C-1")?.status == .open)
    }

    @Test func reopeningACaseIsRemembered() throws {
        let store = try InspectStore.open(inDirectory: directory)
        _ = try store.importCases(Self.lines([Self.item("C-1", status: .rectified)]), presentColumns: Self.all, at: "t1", now: 1, uid: 0, file: "a.csv", dryRun: false, allow: { _, _ in nil }) { _ in [] }
        #expect(try store.reopenTimes().isEmpty)
        _ = try store.updateCase("C-1", status: .inProgress, addMeasures: [], note: "复查未通过", at: "t2", now: 500, uid: 0) { _, _ in nil }
        #expect(try store.reopenTimes() == ["C-1": 500])
    }

    @Test func casesRoundTripWithTheirHistory() throws {
        let store = try InspectStore.open(inDirectory: directory)
        let summary = try store.importCases(Self.lines([Self.item("C-1"), Self.item("C-2", status: .rectified)]), presentColumns: Self.all, at: "t1", now: 1, uid: 1000, file: "a.csv", dryRun: false, allow: { _, _ in nil }) { _ in [] }
        #expect(summary == ImportSummary(inserted: 2, updated: 0, unchanged: 0))
        let reopened = try InspectStore.open(inDirectory: directory)
        #expect(try reopened.findCase("C-1") == Self.item("C-1"))
        #expect(try reopened.outstandingCases().map(\.id) == ["C-1"])
        let again = try reopened.importCases(Self.lines([Self.item("C-1"), Self.item("C-2", status: .verified)]), presentColumns: Self.all, at: "t2", now: 2, uid: 0, file: "b.csv", dryRun: false, allow: { _, _ in nil }) { _ in [] }
        #expect(again == ImportSummary(inserted: 0, updated: 1, unchanged: 1))
        let history = try reopened.caseHistory("C-2")
        #expect(history.map(\.toStatus) == ["rectified", "verified"])
        #expect(history.last?.uid == 0 && history.last?.detail == "updated from b.csv: status")
    }

    @Test func aDryRunOrARejectedImportChangesNothing() throws {
        let store = try InspectStore.open(inDirectory: directory)
        let dry = try store.importCases(Self.lines([Self.item("C-1")]), presentColumns: Self.all, at: "t", now: 1, uid: 0, file: "a.csv", dryRun: true, allow: { _, _ in nil }) { _ in [] }
        #expect(dry.inserted == 1)
        #expect(try store.caseCount() == 0)
        #expect(throws: StoreError.self) {
            try store.importCases(Self.lines([Self.item("C-1")]), presentColumns: Self.all, at: "t", now: 1, uid: 0, file: "a.csv", dryRun: false, allow: { _, _ in nil }) { _ in
                [ImportProblem(file: "a.csv", line: 2, column: "unit", value: "baihe", message: "is not a unit")]
            }
        }
        #expect(try store.caseCount() == 0)
    }

    @Test func statusChangesAreCheckedAndRecorded() throws {
        let store = try InspectStore.open(inDirectory: directory)
        _ = try store.importCases(Self.lines([Self.item("C-1")]), presentColumns: Self.all, at: "t1", now: 1, uid: 0, file: "a.csv", dryRun: false, allow: { _, _ in nil }) { _ in [] }
        #expect(throws: StoreError.self) {
            try store.updateCase("C-1", status: .closed, addMeasures: [], note: nil, at: "t2", uid: 1000) { _, _ in "not yet verified" }
        }
        let updated = try store.updateCase("C-1", status: .inProgress, addMeasures: [.sealAndSeize], note: "已查封", at: "t3", uid: 1000) { _, _ in nil }
        #expect(updated.status == .inProgress && updated.measures == [.productionHalt, .sealAndSeize])
        let last = try #require(try store.caseHistory("C-1").last)
        #expect(last.note == "已查封" && last.fromStatus == "open" && last.toStatus == "in_progress" && last.uid == 1000)
    }

    @Test func aNoticeIsRecordedOnceWithWhatDecidedIt() throws {
        let store = try InspectStore.open(inDirectory: directory)
        _ = try store.importCases(Self.lines([Self.item("C-1"), Self.item("C-2")]), presentColumns: Self.all, at: "t1", now: 1, uid: 0, file: "a.csv", dryRun: false, allow: { _, _ in nil }) { _ in [] }
        let notice = Notice(
            dedupeKey: "case:C-1:step:overdue:deadline:0", kind: .overdue, created: "2026-12-21T09:00:00+08:00", recipients: [],
            subject: "逾期通知", body: "…", data: .null, caseID: "C-1", unitID: "baihe", priority: 4)
        let fired = FiringKey(caseID: "C-1", stepID: "overdue", anchor: "deadline", repeatIndex: 0)
        let first = try store.recordNotices([(notice, NoticeJSON.encode(notice))], fired: [(fired, notice.id)], unitEscalations: [], at: 100)
        #expect(first.map(\.id) == [notice.id])
        let second = try store.recordNotices([(notice, NoticeJSON.encode(notice))], fired: [(fired, notice.id)], unitEscalations: [], at: 200)
        #expect(second.isEmpty, "the same notice is never decided twice")
        #expect(try store.firedKeys() == FiredKeys([fired]))
        #expect(try store.pendingNotices(limit: 10).map(\.id) == [notice.id])
        #expect(try store.unjournaledNotices(limit: 10).count == 1)
        try store.markNoticesJournaled([notice.id], at: 150)
        try store.markNoticesWritten([notice.id], at: 160)
        #expect(try store.pendingNoticeCount() == 0)
        #expect(try store.unjournaledNotices(limit: 10).isEmpty)
        let listed = try store.notices(pendingOnly: false, kind: "overdue", since: 0, caseID: "C-1", limit: 10)
        #expect(listed.count == 1 && listed[0].writtenAt == 160 && NoticeJSON.decode(listed[0].payload)?.subject == "逾期通知")
        #expect(try store.noticeExists(dedupeKey: notice.dedupeKey))

        // Decided from an older snapshot, but the case was rectified meanwhile: nothing is recorded.
        _ = try store.updateCase("C-2", status: .rectified, addMeasures: [], note: nil, at: "t2", uid: 0) { _, _ in nil }
        let late = Notice(
            dedupeKey: "case:C-2:step:overdue:deadline:0", kind: .overdue, created: "2026-12-21T09:00:00+08:00", recipients: [],
            subject: "逾期通知", body: "…", data: .null, caseID: "C-2", unitID: "baihe", priority: 4)
        let lateKey = FiringKey(caseID: "C-2", stepID: "overdue", anchor: "deadline", repeatIndex: 0)
        #expect(try store.recordNotices([(late, NoticeJSON.encode(late))], fired: [(lateKey, late.id)], unitEscalations: [], at: 300).isEmpty)
        #expect(try !store.noticeExists(dedupeKey: late.dedupeKey))
    }
}
