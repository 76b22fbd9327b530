import ArgumentParser
import Foundation
import InspectLedger
import InspectNotices
import InspectOutbox
import InspectStore

/// `inspect-bench notices`: durable notice throughput, the way the daemon does it —
/// decided notices committed to SQLite (in batches, one transaction each), each staged in
/// the maildir's `tmp/` (file fsynced, directory fsynced), the batch recorded as written,
/// then renamed into `new/` (directory fsynced).
struct Notices: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notices", abstract: "Durable notice throughput: database commit plus fsynced outbox file, per second.")

    @Option(name: .long, help: "How many notices.")
    var count = 5000

    @Option(name: .long, help: "Notices per batch (the daemon uses 256).")
    var batch = 256

    @Option(name: .long, help: ArgumentHelp("Where to put the database and the outbox (default: a fresh directory under /var/tmp, on disk rather than tmpfs).", valueName: "dir"))
    var directory: String?

    func run() throws {
        let root = directory ?? ("/var/tmp/inspect-bench-notices-" + UUID().uuidString)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
        let store = try InspectStore.open(inDirectory: root)
        let outbox = MaildirOutbox(directory: root + "/outbox")
        try outbox.prepare()
        let notices = (0..<count).map { number in
            Notice(
                dedupeKey: "case:C-\(number):step:supervision:deadline:0", kind: .supervision, created: "2026-11-29T09:00:00+08:00",
                recipients: [NoticeRecipient(name: "陈明", role: "unit_leader", unit: "baihe", phone: "13800005555")],
                subject: "【督办通知】「河道排污口整治」（C-\(number)）已逾期 7 天",
                body: String(repeating: "白河镇：你单位负责整改的问题已逾期，请于 3 个工作日内报送整改进展。", count: 4),
                data: .object([("case", .string("C-\(number)")), ("days_overdue", .int(7))]), caseID: "C-\(number)", unitID: "baihe",
                priority: 4)
        }
        let clock = ContinuousClock()
        let started = clock.now
        var index = 0
        var recording = Duration.zero
        var delivering = Duration.zero
        var marking = Duration.zero
        while index < notices.count {
            let slice = notices[index..<min(index + batch, notices.count)]
            let payloads = slice.map { ($0, NoticeJSON.encode($0)) }
            let fired = slice.enumerated().map { offset, notice in
                (FiringKey(caseID: notice.caseID ?? "", stepID: "supervision", anchor: "deadline", repeatIndex: index + offset), notice.id)
            }
            var mark = clock.now
            let added = try store.recordNotices(payloads.map { (notice: $0.0, payload: $0.1) }, fired: fired, unitEscalations: [], at: 0)
            recording += clock.now - mark
            mark = clock.now
            try outbox.stage(batch: payloads.map { (id: $0.0.id, bytes: $0.1) })
            delivering += clock.now - mark
            mark = clock.now
            try store.markNoticesWritten(added.map(\.id), at: 1)
            marking += clock.now - mark
            mark = clock.now
            try outbox.publish(ids: added.map(\.id))
            delivering += clock.now - mark
            index += batch
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/outbox/new").count
        print("notices: \(count) in batches of \(batch); files in new/: \(files)")
        print("time in: database commit \(recording), outbox files \(delivering), marking written \(marking)")
        print(String(format: "elapsed: %.2f s; throughput: %.0f notices/s (database commit + fsynced file)", seconds, Double(count) / seconds))
        if files != count { throw ExitCode.failure }
    }
}
