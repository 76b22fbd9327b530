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

    @Test func prepareMakesTheMaildir() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            #expect(outbox.directory == root)
            #expect(files(root) == [".delivered", "cur", "new", "tmp"])
            #expect(mode(root + "/tmp") == 0o750)
            #expect(mode(root + "/new") == 0o750)
            #expect(mode(root + "/cur") == 0o750)
            #expect(mode(root + "/.delivered") == 0o700)
            // Again: nothing changes, nothing fails.
            #expect(try outbox.prepare() == [])
            #expect(files(root) == [".delivered", "cur", "new", "tmp"])
        }
    }

    @Test func deliveryWritesExactlyOneFileWithTheExactBytes() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            #expect(!outbox.isDelivered(id: id))
            #expect(try outbox.deliver(id: id, bytes: bytes) == .written)
            #expect(files(root + "/new") == [id + ".json"])
            #expect(contents(outbox.newPath(id: id)) == bytes)
            #expect(mode(outbox.newPath(id: id)) == 0o640)
            #expect(files(root + "/tmp").isEmpty)
            #expect(files(root + "/cur").isEmpty)
            #expect(files(root + "/.delivered") == [id])
            #expect(outbox.isDelivered(id: id))
        }
    }

    @Test func deliveringAgainWritesNothing() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            try outbox.deliver(id: id, bytes: bytes)
            #expect(try outbox.deliver(id: id, bytes: Array("something else".utf8)) == .alreadyDelivered)
            #expect(files(root + "/new") == [id + ".json"])
            #expect(contents(outbox.newPath(id: id)) == bytes)
            #expect(files(root + "/tmp").isEmpty)
        }
    }

    @Test func movedToCurIsStillDelivered() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            try outbox.deliver(id: id, bytes: bytes)
            #expect(rename(root + "/new/\(id).json", root + "/cur/\(id).json") == 0)
            #expect(outbox.isDelivered(id: id))
            #expect(try outbox.deliver(id: id, bytes: bytes) == .alreadyDelivered)
            #expect(files(root + "/new").isEmpty)
            // Even once forgotten, the file in cur/ keeps it from being written again.
            #expect(outbox.forget(id: id))
            #expect(files(root + "/.delivered").isEmpty)
            #expect(try outbox.deliver(id: id, bytes: bytes) == .alreadyDelivered)
            #expect(files(root + "/new").isEmpty)
        }
    }

    @Test func deletedByTheGatewayIsNotRewrittenWhileTheMarkerStays() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            try outbox.deliver(id: id, bytes: bytes)
            #expect(unlink(root + "/new/\(id).json") == 0)
            #expect(outbox.isDelivered(id: id))
            #expect(try outbox.deliver(id: id, bytes: bytes) == .alreadyDelivered)
            #expect(files(root + "/new").isEmpty)
            #expect(files(root + "/tmp").isEmpty)
        }
    }

    @Test func forgetRemovesOnlyTheMarker() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            try outbox.deliver(id: id, bytes: bytes)
            #expect(outbox.forget(id: id))
            #expect(outbox.forget(id: id), "forgetting twice is fine")
            #expect(files(root + "/.delivered").isEmpty)
            #expect(files(root + "/new") == [id + ".json"])
            // Still in new/: still delivered.
            #expect(outbox.isDelivered(id: id))
            #expect(try outbox.deliver(id: id, bytes: bytes) == .alreadyDelivered)
            #expect(!outbox.forget(id: "../escape"))
        }
    }

    @Test func crashBeforeTheMarkerIsDeliveredOnTheNextCall() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            // Killed while writing tmp/: a partial file and no marker.
            #expect(FileManager.default.createFile(atPath: root + "/tmp/\(id).json", contents: Data(bytes.prefix(5))))
            #expect(!outbox.isDelivered(id: id))
            #expect(try outbox.prepare() == [], "no marker: prepare leaves it to the caller")
            #expect(try outbox.deliver(id: id, bytes: bytes) == .written)
            #expect(contents(outbox.newPath(id: id)) == bytes)
            #expect(files(root + "/tmp").isEmpty)
            #expect(files(root + "/new") == [id + ".json"])
        }
    }

    @Test func crashAfterTheMarkerIsFinishedByDeliverOrPrepare() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            // Killed between the marker and the rename: the complete file waits in tmp/.
            #expect(FileManager.default.createFile(atPath: root + "/tmp/\(id).json", contents: Data(bytes)))
            #expect(FileManager.default.createFile(atPath: root + "/.delivered/\(id)", contents: Data()))
            #expect(!outbox.isDelivered(id: id), "not in new/ yet")
            #expect(try outbox.deliver(id: id, bytes: bytes) == .written)
            #expect(contents(outbox.newPath(id: id)) == bytes)
            #expect(files(root + "/tmp").isEmpty)
            #expect(outbox.isDelivered(id: id))
        }
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            let other = NoticeID.make(dedupeKey: "other")
            #expect(FileManager.default.createFile(atPath: root + "/tmp/\(id).json", contents: Data(bytes)))
            #expect(FileManager.default.createFile(atPath: root + "/.delivered/\(id)", contents: Data()))
            #expect(FileManager.default.createFile(atPath: root + "/tmp/\(other).json", contents: Data(bytes.prefix(3))))
            #expect(try outbox.prepare() == [id])
            #expect(files(root + "/new") == [id + ".json"])
            #expect(files(root + "/tmp") == [other + ".json"], "no marker: not finished")
        }
    }

    @Test func batchDeliversEachOnceInOrder() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            let ids = (0..<20).map { NoticeID.make(dedupeKey: "batch:\($0)") }
            try outbox.deliver(id: ids[3], bytes: Array("earlier".utf8))
            var batch = ids.map { (id: $0, bytes: Array("notice \($0)\n".utf8)) }
            batch.append((id: ids[0], bytes: Array("duplicate".utf8)))
            let results = try outbox.deliver(batch: batch)
            #expect(results.count == 21)
            #expect(results[3] == .alreadyDelivered)
            #expect(results[20] == .alreadyDelivered)
            #expect(results.filter { $0 == .written }.count == 19)
            #expect(files(root + "/new") == ids.map { $0 + ".json" }.sorted())
            #expect(contents(outbox.newPath(id: ids[0])) == Array("notice \(ids[0])\n".utf8))
            #expect(contents(outbox.newPath(id: ids[3])) == Array("earlier".utf8))
            #expect(files(root + "/.delivered").count == 20)
            #expect(files(root + "/tmp").isEmpty)
            #expect(try outbox.deliver(batch: batch).allSatisfy { $0 == .alreadyDelivered })
            #expect(try outbox.deliver(batch: []) == [])
        }
    }

    @Test func emptyAndLargeFiles() throws {
        try withOutbox { (outbox: MaildirOutbox, _: String) throws in
            try outbox.deliver(id: "empty", bytes: [])
            #expect(contents(outbox.newPath(id: "empty")) == [])
            let large = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try outbox.deliver(id: "large", bytes: large)
            #expect(contents(outbox.newPath(id: "large")) == large)
        }
    }

    @Test(arguments: ["", ".hidden", "a/b", "../x", "n-1:2,S", "空", String(repeating: "a", count: 129)])
    func invalidIDsAreRefusedBeforeTouchingAnything(id: String) throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            let error = #expect(throws: OutboxError.self) { try outbox.deliver(batch: [(id: "fine", bytes: []), (id: id, bytes: [])]) }
            #expect(error?.errno == EINVAL)
            #expect(error?.isTransient == false)
            #expect(files(root + "/new").isEmpty)
            #expect(!outbox.isDelivered(id: id))
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
        let delivery = #expect(throws: OutboxError.self) { try outbox.deliver(id: id, bytes: bytes) }
        #expect(delivery?.errno == ENOTDIR)
        #expect(!outbox.isDelivered(id: id))
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

    @Test func deliverBeforePrepareIsENOENTAndLeavesNoMarker() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let outbox = MaildirOutbox(directory: temporary.path)
        let error = #expect(throws: OutboxError.self) { try outbox.deliver(id: id, bytes: bytes) }
        #expect(error?.errno == ENOENT)
        #expect(error?.path == temporary.path + "/tmp/\(id).json")
        try outbox.prepare()
        #expect(try outbox.deliver(id: id, bytes: bytes) == .written)
    }

    /// A full disk, for real: `/dev/full` fails every write with ENOSPC. The outbox's tmp
    /// file is made a symlink to it (as if the disk filled up during the write).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func fullDiskIsENOSPCAndRetriedLater() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            #expect(symlink("/dev/full", root + "/tmp/\(id).json") == 0)
            let error = #expect(throws: OutboxError.self) { try outbox.deliver(id: id, bytes: bytes) }
            #expect(error?.errno == ENOSPC)
            #expect(error?.operation == "write")
            #expect(error?.isTransient == true)
            #expect(error?.message.contains("(ENOSPC); the disk") == true)
            #expect(files(root + "/.delivered").isEmpty, "no marker for a notice not written")
            #expect(!outbox.isDelivered(id: id))
            // Space again: the retry delivers it.
            #expect(unlink(root + "/tmp/\(id).json") == 0)
            #expect(try outbox.deliver(id: id, bytes: bytes) == .written)
            #expect(contents(outbox.newPath(id: id)) == bytes)
        }
    }

    /// Permissions, for real; root ignores them, so only when not running as root.
    @Test(.enabled(if: geteuid() != 0)) func readOnlyDirectoryIsEACCES() throws {
        try withOutbox { (outbox: MaildirOutbox, root: String) throws in
            #expect(chmod(root + "/tmp", 0o500) == 0)
            defer { chmod(root + "/tmp", 0o750) }
            let error = #expect(throws: OutboxError.self) { try outbox.deliver(id: id, bytes: bytes) }
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
