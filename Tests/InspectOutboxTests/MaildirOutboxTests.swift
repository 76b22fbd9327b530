import Foundation
import InspectNotices
import InspectOutbox
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "inspect-outbox-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = try #require(made.map { String(cString: $0) }, "mkdtemp failed")
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

@Suite struct MaildirOutboxTests {
    let id = NoticeID.make(dedupeKey: "case:C-17:step:supervision:0")
    let bytes = Array(#"{"id":"n-1","subject":"【督办通知】"}"#.utf8) + [0x0A]

    private func files(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    private func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { Array($0) }
    }

    private func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mode & 0o7777
    }

    private func withOutbox(_ body: (MaildirOutbox, String) throws -> Void) throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let outbox = MaildirOutbox(directory: temporary.path + "/outbox/")
        try outbox.prepare()
        try body(outbox, temporary.path + "/outbox")
    }

    /// The caller's side of the protocol, with a set standing in for the database.
    private func deliver(_ outbox: MaildirOutbox, _ items: [(id: String, bytes: [UInt8])], recorded: inout Set<String>) throws {
        let pending = items.filter { !recorded.contains($0.id) }
        try outbox.stage(batch: pending)
        recorded.formUnion(pending.map(\.id))
        try outbox.publish(ids: pending.map(\.id))
    }

    @Test func prepareMakesTheMaildir() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            #expect(outbox.directory == root)
            #expect(files(root) == ["cur", "new", "tmp"])
            #expect(mode(root + "/tmp") == 0o750)
            #expect(mode(root + "/new") == 0o750)
            #expect(mode(root + "/cur") == 0o750)
            try outbox.prepare()
            #expect(files(root) == ["cur", "new", "tmp"])
        }
    }

    @Test func stagedThenPublishedIsExactlyOneFileWithTheExactBytes() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            #expect(!outbox.isPublished(id: id))
            #expect(try outbox.stage(batch: [(id, bytes)]).isEmpty)
            #expect(files(root + "/tmp") == ["\(id).json"])
            #expect(files(root + "/new").isEmpty, "nothing is visible to the gateway before publish")
            #expect(try outbox.stagedIDs() == [id])
            try outbox.publish(ids: [id])
            #expect(files(root + "/tmp").isEmpty)
            #expect(files(root + "/new") == ["\(id).json"])
            #expect(contents(outbox.newPath(id: id)) == bytes)
            #expect(mode(outbox.newPath(id: id)) == 0o640)
            #expect(outbox.isPublished(id: id))
        }
    }

    @Test func aPublishedNoticeIsNotStagedAgain() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            var recorded = Set<String>()
            try deliver(outbox, [(id, bytes)], recorded: &recorded)
            #expect(try outbox.stage(batch: [(id, bytes)]) == [id])
            #expect(files(root + "/tmp").isEmpty)
            // The gateway moved it to cur/: still published, not written again.
            #expect(rename(outbox.newPath(id: id), root + "/cur/\(id).json") == 0)
            #expect(try outbox.stage(batch: [(id, bytes)]) == [id])
            #expect(files(root + "/new").isEmpty)
        }
    }

    @Test func publishingAgainOrAfterTheGatewayDeletedTheFileDoesNothing() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            var recorded = Set<String>()
            try deliver(outbox, [(id, bytes)], recorded: &recorded)
            #expect(unlink(outbox.newPath(id: id)) == 0)
            try outbox.publish(ids: [id])
            try deliver(outbox, [(id, bytes)], recorded: &recorded)
            #expect(files(root + "/new").isEmpty, "a notice recorded as written is never written again")
        }
    }

    @Test func aCrashBeforeTheRecordIsStagedAgainWithTheSameBytes() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            // Staged, then killed before the database recorded it: the next round stages it again.
            try outbox.stage(batch: [(id, Array("half".utf8))])
            var recorded = Set<String>()
            try deliver(outbox, [(id, bytes)], recorded: &recorded)
            #expect(files(root + "/new") == ["\(id).json"])
            #expect(contents(outbox.newPath(id: id)) == bytes)
            #expect(files(root + "/tmp").isEmpty)
        }
    }

    @Test func aCrashAfterTheRecordIsFinishedFromTheStagedFiles() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            let other = NoticeID.make(dedupeKey: "other")
            try outbox.stage(batch: [(id, bytes), (other, bytes)])
            // Recorded as written, then killed before publish. A restart publishes the staged
            // ids the database records, and only those.
            let recordedIDs: Set<String> = [id]
            let staged = try outbox.stagedIDs()
            #expect(Set(staged) == [id, other])
            try outbox.publish(ids: staged.filter(recordedIDs.contains))
            #expect(files(root + "/new") == ["\(id).json"])
            #expect(try outbox.stagedIDs() == [other])
        }
    }

    @Test func batchesPublishEachOnce() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            let items = (0..<50).map { (id: NoticeID.make(dedupeKey: "k\($0)"), bytes: Array("\($0)".utf8)) }
            var recorded = Set<String>()
            try deliver(outbox, items, recorded: &recorded)
            try deliver(outbox, items, recorded: &recorded)
            #expect(files(root + "/new") == items.map { "\($0.id).json" }.sorted())
            for item in items { #expect(contents(outbox.newPath(id: item.id)) == item.bytes) }
        }
    }

    @Test func emptyAndLargeFiles() throws {
        try withOutbox { (outbox: MaildirOutbox, _: String) throws in
            var recorded = Set<String>()
            let large = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try deliver(outbox, [("empty", []), ("large", large)], recorded: &recorded)
            #expect(contents(outbox.newPath(id: "empty")) == [])
            #expect(contents(outbox.newPath(id: "large")) == large)
        }
    }

    @Test(arguments: ["", ".hidden", "a/b", "../x", "n-1:2,S", "空", String(repeating: "a", count: 129)])
    func invalidIDsAreRefusedBeforeTouchingAnything(id: String) throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            let error = #expect(throws: OutboxError.self) { try outbox.stage(batch: [(id: "fine", bytes: []), (id: id, bytes: [])]) }
            #expect(error?.errno == EINVAL)
            #expect(error?.isTransient == false)
            #expect(files(root + "/tmp").isEmpty)
            #expect(!outbox.isPublished(id: id))
        }
    }

    // MARK: failures, produced for real

    @Test func outboxUnderARegularFileIsENOTDIR() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        #expect(FileManager.default.createFile(atPath: temporary.path + "/spool", contents: Data("not a directory".utf8)))
        let outbox = MaildirOutbox(directory: temporary.path + "/spool/outbox")
        let error = #expect(throws: OutboxError.self) { try outbox.prepare() }
        #expect(error?.errno == ENOTDIR)
        #expect(error?.isTransient == true)
        #expect(error?.path == temporary.path + "/spool/outbox")
        #expect(error?.message.contains("(ENOTDIR)") == true)
        #expect(error?.message.contains("spool_directory") == true)
        let staging = #expect(throws: OutboxError.self) { try outbox.stage(batch: [(id, bytes)]) }
        #expect(staging?.errno == ENOTDIR)
        #expect(!outbox.isPublished(id: id))
    }

    @Test func missingParentIsENOENT() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let outbox = MaildirOutbox(directory: temporary.path + "/no-spool/outbox")
        let error = #expect(throws: OutboxError.self) { try outbox.prepare() }
        #expect(error?.errno == ENOENT)
        #expect(error?.isTransient == true)
        #expect(error?.message.hasPrefix("cannot create directory \(temporary.path)/no-spool/outbox: ") == true)
    }

    @Test func stagingBeforePrepareIsENOENT() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let outbox = MaildirOutbox(directory: temporary.path)
        let error = #expect(throws: OutboxError.self) { try outbox.stage(batch: [(id, bytes)]) }
        #expect(error?.errno == ENOENT)
        #expect(error?.path == temporary.path + "/tmp/\(id).json")
        try outbox.prepare()
        #expect(try outbox.stage(batch: [(id, bytes)]).isEmpty)
    }

    /// A full disk, for real: `/dev/full` fails every write with ENOSPC. The outbox's tmp
    /// file is made a symlink to it (as if the disk filled up during the write).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func fullDiskIsENOSPCAndRetriedLater() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            #expect(symlink("/dev/full", root + "/tmp/\(id).json") == 0)
            let error = #expect(throws: OutboxError.self) { try outbox.stage(batch: [(id, bytes)]) }
            #expect(error?.errno == ENOSPC)
            #expect(error?.operation == "write")
            #expect(error?.isTransient == true)
            #expect(error?.message.contains("(ENOSPC); the disk") == true)
            #expect(!outbox.isPublished(id: id))
            // Space again: the retry delivers it.
            #expect(unlink(root + "/tmp/\(id).json") == 0)
            var recorded = Set<String>()
            try deliver(outbox, [(id, bytes)], recorded: &recorded)
            #expect(contents(outbox.newPath(id: id)) == bytes)
        }
    }

    /// Permissions, for real; root ignores them, so only when not running as root.
    @Test(.enabled(if: geteuid() != 0)) func readOnlyDirectoryIsEACCES() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            #expect(chmod(root + "/tmp", 0o500) == 0)
            defer { chmod(root + "/tmp", 0o750) }
            let error = #expect(throws: OutboxError.self) { try outbox.stage(batch: [(id, bytes)]) }
            #expect(error?.errno == EACCES)
            #expect(error?.message.contains("permission denied") == true)
        }
    }

    @Test func messagesSayWhatToDo() {
        let cases: [(Int32, String)] = [
            (ENOSPC, "disk"), (EDQUOT, "quota"), (EROFS, "read-only"), (EACCES, "permission"), (EPERM, "permission"),
            (ENOENT, "missing"), (ENOTDIR, "missing"), (EIO, "I/O"),
        ]
        for (code, words) in cases {
            let error = OutboxError(errno: code, operation: "write", path: "/var/spool/inspectd/outbox/tmp/n-1.json")
            #expect(error.message.hasPrefix("cannot write /var/spool/inspectd/outbox/tmp/n-1.json: "))
            #expect(error.message.contains(words), "\(error.message)")
            #expect(error.message.contains("retries"))
            #expect(error.isTransient)
            #expect(error.description == error.message)
        }
    }
}
