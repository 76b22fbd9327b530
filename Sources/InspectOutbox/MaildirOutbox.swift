#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What ``MaildirOutbox/deliver(id:bytes:)`` did.
public enum OutboxDelivery: Sendable, Hashable {
    /// The file is now in `new/` (written now, or a write a crash interrupted was finished).
    case written
    /// The notice had been delivered before; nothing was written.
    case alreadyDelivered
}

/// The outbox the delivery gateway (SMS, e-mail, OA) reads: a maildir of one JSON file a
/// notice, `new/<id>.json`, delivered exactly once.
///
/// Layout under ``directory``: `tmp/` (files being written), `new/` (files ready for the
/// gateway, which may move them to `cur/` or delete them), `cur/`, all 0750, and the
/// private `.delivered/` (0700) holding an empty marker `<id>` for each notice delivered
/// and not yet forgotten.
///
/// Exactly once, across a `kill -9` (or a power cut) at any instant and a gateway that
/// deletes files, as long as the caller delivers a notice until a call returns and only
/// then records it (and calls ``forget(id:)``):
///
/// 1. `tmp/<id>.json` is written in full and fsynced, and `tmp/` fsynced. A crash before
///    the marker leaves no marker: the next call writes the file again (same bytes).
/// 2. The marker `.delivered/<id>` is created and fsynced, and `.delivered/` fsynced. From
///    here on the notice counts as delivered and is never written again.
/// 3. `tmp/<id>.json` is renamed to `new/<id>.json` (atomically visible to the gateway)
///    and `new/` fsynced. A crash between 2 and 3 leaves the marker and the tmp file: the
///    next ``deliver(id:bytes:)`` of the id, or ``prepare()``, finishes the rename.
///
/// A notice counts as already delivered when its marker exists (with no tmp file left),
/// or `new/<id>.json` or `cur/<id>.json` exists. The marker is what protects a notice the
/// gateway has already taken away; ``forget(id:)`` removes it once the caller's database
/// says the notice was written, so markers do not pile up.
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
    /// `.delivered/`: the markers.
    public var markerDirectory: String { directory + "/.delivered" }

    /// The path of `id`'s file once delivered (`new/<id>.json`).
    public func newPath(id: String) -> String { newDirectory + "/" + id + ".json" }

    /// Creates the outbox directory (its parent must exist) and `tmp/`, `new/`, `cur/`
    /// (0750) and `.delivered/` (0700) when missing, then finishes every delivery a crash
    /// interrupted after its marker (renaming `tmp/<id>.json` into `new/`).
    ///
    /// - Returns: the ids whose delivery it finished, sorted.
    @discardableResult
    public func prepare() throws(OutboxError) -> [String] {
        if try makeDirectory(directory, mode: 0o750) { try syncDirectory(parent(of: directory)) }
        var created = false
        for (path, mode) in [
            (temporaryDirectory, mode_t(0o750)), (newDirectory, 0o750), (currentDirectory, 0o750), (markerDirectory, 0o700),
        ] {
            if try makeDirectory(path, mode: mode) { created = true }
        }
        if created { try syncDirectory(directory) }
        return try recover()
    }

    /// Delivers `bytes` as `new/<id>.json` unless the notice was delivered before; see the
    /// type's documentation for the steps. Safe to call again after any failure or crash.
    ///
    /// - Throws: ``OutboxError`` when a file-system call fails (the notice is then not yet
    ///   delivered, or its delivery is half done and the next call finishes it), or
    ///   `EINVAL` when `id` cannot be a file name.
    @discardableResult
    public func deliver(id: String, bytes: [UInt8]) throws(OutboxError) -> OutboxDelivery {
        try deliver(batch: [(id: id, bytes: bytes)])[0]
    }

    /// ``deliver(id:bytes:)`` for many notices with one fsync of each directory for the
    /// whole batch (each file is still fsynced): all files are written, then all markers
    /// created, then all renamed. An id that appears twice is delivered once (the second
    /// is `alreadyDelivered`). When it throws, the notices written so far are delivered or
    /// will be finished by the next call; call it again with the same batch.
    ///
    /// - Returns: what happened to each notice, in batch order.
    @discardableResult
    public func deliver(batch: [(id: String, bytes: [UInt8])]) throws(OutboxError) -> [OutboxDelivery] {
        for item in batch where !MaildirOutbox.isValidFileID(item.id) { throw OutboxError.invalidID(item.id) }
        var results: [OutboxDelivery] = []
        results.reserveCapacity(batch.count)
        var seen = Set<String>()
        var toWrite: [(id: String, bytes: [UInt8])] = []
        var toRename: [String] = []
        var syncNew = false
        for item in batch {
            guard seen.insert(item.id).inserted else {
                results.append(.alreadyDelivered)
                continue
            }
            if try exists(markerPath(item.id)) {
                if try exists(temporaryPath(item.id)) {
                    // A crash between the marker and the rename: finish it.
                    toRename.append(item.id)
                    results.append(.written)
                } else {
                    // Make sure a rename whose directory fsync failed is durable before
                    // the caller records the notice.
                    if try exists(newPath(id: item.id)) { syncNew = true }
                    results.append(.alreadyDelivered)
                }
            } else if try exists(newPath(id: item.id)) {
                syncNew = true
                results.append(.alreadyDelivered)
            } else if try exists(currentPath(item.id)) {
                results.append(.alreadyDelivered)
            } else {
                toWrite.append(item)
                results.append(.written)
            }
        }

        for item in toWrite { try writeFile(temporaryPath(item.id), bytes: item.bytes, mode: 0o640) }
        if !toWrite.isEmpty { try syncDirectory(temporaryDirectory) }
        for item in toWrite { try writeFile(markerPath(item.id), bytes: [], mode: 0o600) }
        if !toWrite.isEmpty { try syncDirectory(markerDirectory) }
        for id in toRename + toWrite.map(\.id) {
            try moveFile(from: temporaryPath(id), to: newPath(id: id))
            syncNew = true
        }
        if syncNew { try syncDirectory(newDirectory) }
        return results
    }

    /// Removes `id`'s marker: call it once the database records the notice as written,
    /// after which the outbox no longer remembers it (a later ``deliver(id:bytes:)`` of
    /// the id would write it again unless it is still in `new/` or `cur/`).
    ///
    /// Never throws: a marker that cannot be removed only stays behind, which keeps the
    /// notice from being written again, as it should not be anyway.
    ///
    /// - Returns: whether the marker is gone (removed now, or not there); false for an
    ///   invalid id or when removing it failed.
    @discardableResult
    public func forget(id: String) -> Bool {
        guard MaildirOutbox.isValidFileID(id) else { return false }
        return unlink(markerPath(id)) == 0 || errno == ENOENT
    }

    /// Whether `id` has been delivered: its file reached `new/` (it is there or in `cur/`,
    /// or its marker is there with no tmp file left). False for an invalid id and when the
    /// outbox cannot be read.
    public func isDelivered(id: String) -> Bool {
        guard MaildirOutbox.isValidFileID(id) else { return false }
        do throws(OutboxError) {
            if try exists(markerPath(id)), try !exists(temporaryPath(id)) { return true }
            if try exists(newPath(id: id)) { return true }
            return try exists(currentPath(id))
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
    private func markerPath(_ id: String) -> String { markerDirectory + "/" + id }

    private func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    // MARK: recovery

    /// Renames `tmp/<id>.json` into `new/` for every id with a marker.
    private func recover() throws(OutboxError) -> [String] {
        var ids: [String] = []
        for name in try listDirectory(temporaryDirectory) where name.hasSuffix(".json") {
            let id = String(name.dropLast(5))
            guard MaildirOutbox.isValidFileID(id), try exists(markerPath(id)) else { continue }
            ids.append(id)
        }
        ids.sort()
        for id in ids { try moveFile(from: temporaryPath(id), to: newPath(id: id)) }
        if !ids.isEmpty { try syncDirectory(newDirectory) }
        return ids
    }

    // MARK: system calls

    /// Whether `path` exists (without following a final symlink); throws for errors other
    /// than "no such file".
    private func exists(_ path: String) throws(OutboxError) -> Bool {
        var info = stat()
        if lstat(path, &info) == 0 { return true }
        let code = errno
        if code == ENOENT { return false }
        throw OutboxError(errno: code, operation: "check", path: path)
    }

    /// Creates the directory with exactly `mode`; false when it already exists as one.
    private func makeDirectory(_ path: String, mode: mode_t) throws(OutboxError) -> Bool {
        if mkdir(path, mode) == 0 {
            // mkdir applies the umask; the modes are part of the contract.
            if chmod(path, mode) != 0 { throw OutboxError(errno: errno, operation: "set the mode of", path: path) }
            return true
        }
        let code = errno
        guard code == EEXIST else { throw OutboxError(errno: code, operation: "create directory", path: path) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw OutboxError(errno: errno, operation: "check", path: path) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw OutboxError(errno: ENOTDIR, operation: "use as a directory", path: path)
        }
        return false
    }

    /// Writes `bytes` to `path` (created or truncated), fsyncs and closes it.
    private func writeFile(_ path: String, bytes: [UInt8], mode: mode_t) throws(OutboxError) {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, mode)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw OutboxError(errno: errno, operation: "create", path: path) }
        var failure: OutboxError?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    failure = OutboxError(errno: written < 0 ? errno : EIO, operation: "write", path: path)
                    return
                }
            }
        }
        if failure == nil, fsync(descriptor) != 0 {
            failure = OutboxError(errno: errno, operation: "fsync", path: path)
        }
        if close(descriptor) != 0, failure == nil, errno != EINTR {
            failure = OutboxError(errno: errno, operation: "close", path: path)
        }
        if let failure { throw failure }
    }

    /// fsyncs a directory, making the entries created or renamed in it durable.
    private func syncDirectory(_ path: String) throws(OutboxError) {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw OutboxError(errno: errno, operation: "open directory", path: path) }
        if fsync(descriptor) != 0 {
            let code = errno
            close(descriptor)
            throw OutboxError(errno: code, operation: "fsync directory", path: path)
        }
        close(descriptor)
    }

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
