#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The outbox the delivery gateway (SMS, e-mail, OA) reads: a maildir of one JSON file a
/// notice, `new/<id>.json`, each notice there exactly once.
///
/// Layout under ``directory``: `tmp/` (files being written), `new/` (files ready for the
/// gateway, which may move them to `cur/` or delete them) and `cur/`.
///
/// Exactly once, across a `kill -9` (or a power cut) at any instant and a gateway that
/// moves or deletes files, with the caller's database as the record of what was
/// published. The caller, for a batch of notices not yet recorded as written:
///
/// 1. ``stage(batch:)``: each `tmp/<id>.json` is written in full and fsynced, then `tmp/`
///    is fsynced. A crash here leaves stray tmp files of unrecorded notices; staging them
///    again overwrites them with the same bytes.
/// 2. records the notices as written, in one database transaction. From here on a notice
///    is never staged again.
/// 3. ``publish(ids:)``: each `tmp/<id>.json` is renamed to `new/<id>.json` (atomically
///    visible to the gateway), then `new/` is fsynced.
///
/// After a crash (and after a failed ``publish(ids:)``), the caller publishes the
/// ``stagedIDs()`` its database records as written. A file reaches `new/` only by a rename
/// from `tmp/`, which moves it: it cannot arrive twice, and a file the gateway took away is
/// never written again because its notice is recorded. Each notice costs one file fsync;
/// each batch three directory fsyncs and one database commit.
///
/// One process may use an outbox at a time (the daemon); the gateway only reads `new/`
/// and moves or deletes its files.
public struct MaildirOutbox: Sendable {
    /// The outbox directory, without a trailing slash.
    public let directory: String

    public init(directory: String) {
        var directory = directory
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        self.directory = directory
    }

    /// `tmp/`: files being written.
    public var temporaryDirectory: String { directory + "/tmp" }
    /// `new/`: files ready for the gateway.
    public var newDirectory: String { directory + "/new" }
    /// `cur/`: where the gateway may move files it has taken.
    public var currentDirectory: String { directory + "/cur" }

    /// The path of `id`'s file once published (`new/<id>.json`).
    public func newPath(id: String) -> String { newDirectory + "/" + id + ".json" }

    /// Creates the outbox directory (its parent must exist) and `tmp/`, `new/`, `cur/`
    /// (0750; directories made by tmpfiles.d keep their modes) when missing.
    public func prepare() throws(OutboxError) {
        if try DurableFiles.makeDirectory(directory, mode: 0o750) { try DurableFiles.syncDirectory(parent(of: directory)) }
        var created = false
        for path in [temporaryDirectory, newDirectory, currentDirectory] where try DurableFiles.makeDirectory(path, mode: 0o750) {
            created = true
        }
        if created { try DurableFiles.syncDirectory(directory) }
    }

    /// Step 1: writes each notice to `tmp/<id>.json` (fsynced) and fsyncs `tmp/`. An id
    /// whose file is already in `new/` or `cur/` is not written again.
    ///
    /// - Returns: the ids already published (in `new/` or `cur/`).
    /// - Throws: ``OutboxError``; nothing is published then, and the batch may be staged again.
    @discardableResult
    public func stage(batch: [(id: String, bytes: [UInt8])]) throws(OutboxError) -> Set<String> {
        for item in batch where !MaildirOutbox.isValidFileID(item.id) { throw OutboxError.invalidID(item.id) }
        var published = Set<String>()
        var written = false
        for item in batch where !published.contains(item.id) {
            let inNew = try DurableFiles.exists(newPath(id: item.id))
            let inCurrent = try DurableFiles.exists(currentPath(item.id))
            if inNew || inCurrent {
                published.insert(item.id)
                continue
            }
            try DurableFiles.writeFile(temporaryPath(item.id), bytes: item.bytes, mode: 0o640, followSymlink: true)
            written = true
        }
        if written { try DurableFiles.syncDirectory(temporaryDirectory) }
        return published
    }

    /// Step 3: renames each staged `tmp/<id>.json` into `new/` and fsyncs `new/`. An id
    /// with no staged file was published before (its file may since have been taken by
    /// the gateway) and is skipped.
    public func publish(ids: [String]) throws(OutboxError) {
        var moved = false
        for id in ids where MaildirOutbox.isValidFileID(id) {
            guard try DurableFiles.exists(temporaryPath(id)) else { continue }
            try moveFile(from: temporaryPath(id), to: newPath(id: id))
            moved = true
        }
        if moved { try DurableFiles.syncDirectory(newDirectory) }
    }

    /// The ids with a file in `tmp/`, sorted: staged and not yet published.
    public func stagedIDs() throws(OutboxError) -> [String] {
        try listDirectory(temporaryDirectory)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(5)) }
            .filter(MaildirOutbox.isValidFileID)
            .sorted()
    }

    /// Whether `id`'s file is in `new/` or `cur/`. False for an invalid id and when the
    /// outbox cannot be read.
    public func isPublished(id: String) -> Bool {
        guard MaildirOutbox.isValidFileID(id) else { return false }
        do throws(OutboxError) {
            if try DurableFiles.exists(newPath(id: id)) { return true }
            return try DurableFiles.exists(currentPath(id))
        } catch {
            return false
        }
    }

    /// Ids usable as file names: 1–128 of `A-Z a-z 0-9 . _ -`, not starting with a dot
    /// (such as a ``NoticeID``).
    public static func isValidFileID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...128).contains(bytes.count), bytes[0] != UInt8(ascii: ".") else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default: false
            }
        }
    }

    // MARK: paths

    private func temporaryPath(_ id: String) -> String { temporaryDirectory + "/" + id + ".json" }
    private func currentPath(_ id: String) -> String { currentDirectory + "/" + id + ".json" }

    private func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    // MARK: system calls

    private func moveFile(from source: String, to target: String) throws(OutboxError) {
        if rename(source, target) != 0 {
            throw OutboxError(errno: errno, operation: "rename \(source) to", path: target)
        }
    }

    private func listDirectory(_ path: String) throws(OutboxError) -> [String] {
        guard let stream = opendir(path) else { throw OutboxError(errno: errno, operation: "list", path: path) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
