import ArgumentParser
import Foundation
import InspectCalendar
import InspectLedger
import InspectStore

/// `inspect-bench sweep`: what the roster service's sweep (once a minute) costs to find the
/// rectified cases wanting a new verification visit, on a large ledger in SQLite on disk.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the sweep's look for rectified cases wanting a verification visit.",
        discussion: """
            A ledger of N cases: every fifth rectified with a site, 95% of those with an
            open verification task, the rest none (the candidates); the others open, in
            progress or verified. Times, best of 3, in milliseconds:
              whole_ledger  the former way: every case, every open task, the undecided
                            verifications, one query per candidate
              one_query     casesWantingVerification
            """)

    @Option(help: "How many cases.")
    var cases = 100_000

    @Option(name: .long, help: ArgumentHelp("Where to put the database (default: a fresh directory under /var/tmp).", valueName: "dir"))
    var directory: String?

    func validate() throws {
        if cases < 1 { throw ValidationError("--cases must be at least 1") }
    }

    func run() throws {
        let root = directory ?? ("/var/tmp/inspect-bench-sweep-" + UUID().uuidString)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
        let store = try InspectStore.open(inDirectory: root)
        let others: [CaseStatus] = [.open, .inProgress, .verified, .open]
        let ledger = (0..<cases).map { number in
            RectificationCase(
                id: String(format: "C-%07d", number), title: "河道排污口整治", source: .complaint, category: "水源地", site: "S-\(number % 400)",
                unit: "baihe", personName: "张伟", personPhone: "13800000001", milestones: [], deadline: CivilDate(iso: "2026-12-20")!,
                status: number % 5 == 0 ? .rectified : others[number % 4], measures: [])
        }
        _ = try store.importCases(
            ledger.enumerated().map { (line: $0.offset + 2, value: $0.element) },
            presentColumns: ["id", "title", "source", "category", "unit", "person", "phone", "deadline", "status", "site", "milestones", "measures"],
            at: "2026-11-29T09:00:00+08:00", now: 0, uid: 0, file: "bench.csv", dryRun: false, allow: { _, _ in nil }) { _ in [] }
        let visited = ledger.filter { $0.status == .rectified }.enumerated().filter { $0.offset % 20 != 0 }.map(\.element)
        _ = try store.addTasks(
            visited.map { item in
                (
                    task: StoredTask(
                        siteID: item.site ?? "", fromAt: 0, byAt: 4_000_000_000, reason: "verification", caseID: item.id, uid: 0, createdAt: 0),
                    placement: nil
                )
            }, notBefore: 0)

        let (before, beforeTimes) = try Self.best {
            let undecided = Set(try store.undecidedVerifications().map(\.caseID))
            let open = Set(try store.openTasks().filter { $0.reason == "verification" }.compactMap(\.caseID))
            var found: [String] = []
            for item in try store.cases()
            where item.status == .rectified && !(item.site ?? "").isEmpty && !open.contains(item.id) && !undecided.contains(item.id) {
                if try store.verificationTasks(ofCase: item.id).first?.status == "cancelled" { continue }
                found.append(item.id)
            }
            return found
        }
        let (after, afterTimes) = try Self.best { try store.casesWantingVerification().map(\.item.id) }
        print("cases=\(cases) rectified=\(ledger.count { $0.status == .rectified }) open_verifications=\(visited.count) candidates=\(after.count)")
        print("whole_ledger best_ms=\(beforeTimes.min()!) all_ms=\(beforeTimes)")
        print("one_query    best_ms=\(afterTimes.min()!) all_ms=\(afterTimes)")
        if before != after { print("the two ways disagree"); throw ExitCode.failure }
    }

    static func best<T>(_ body: () throws -> T) throws -> (T, [Int]) {
        var result: T?
        var times: [Int] = []
        for _ in 0..<3 {
            let start = ContinuousClock.now
            result = try body()
            let elapsed = ContinuousClock.now - start
            times.append(Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
        }
        return (result!, times)
    }
}
