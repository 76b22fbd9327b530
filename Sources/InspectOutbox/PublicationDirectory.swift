#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory of files for publication (the public disclosure), read by the gateway's
/// group: each file appears complete, once, and is never replaced.
///
/// ``publish(name:bytes:)`` writes `.<name>.tmp` in the directory (mode 0640 exactly,
/// whatever the umask, so the group the setgid directory gives the file may read it),
/// fsyncs it, links it to `<name>` — which fails, atomically, when `<name>` exists, so an
/// existing file is never rewritten — removes the temporary name and fsyncs the directory.
/// A failed write removes its temporary file; only a crash leaves a stray dot file, which
/// the next write of that name replaces.
public struct PublicationDirectory: Sendable {
    /// The directory, without a trailing slash.
    public let directory: String

    public init(directory: String) {
        var directory = directory
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        self.directory = directory
    }

    /// The path of the file `name`.
    public func path(_ name: String) -> String { directory + "/" + name }

    /// Creates the directory (0750; its parent must exist) when missing. A directory made by
    /// tmpfiles.d keeps its mode and group.
    public func prepare() throws(OutboxError) {
        if mkdir(directory, 0o750) == 0 {
            if chmod(directory, 0o750) != 0 { throw OutboxError(errno: errno, operation: "set the mode of", path: directory) }
            return
        }
        let code = errno
        guard code == EEXIST else { throw OutboxError(errno: code, operation: "create directory", path: directory) }
        var info = stat()
        guard stat(directory, &info) == 0 else { throw OutboxError(errno: errno, operation: "check", path: directory) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw OutboxError(errno: ENOTDIR, operation: "use as a directory", path: directory) }
    }

    /// Whether a file (or anything) named `name` is in the directory.
    public func exists(_ name: String) throws(OutboxError) -> Bool {
        var info = stat()
        if lstat(path(name), &info) == 0 { return true }
        let code = errno
        if code == ENOENT { return false }
        throw OutboxError(errno: code, operation: "check", path: path(name))
    }

    /// Writes `bytes` as `name`, complete and durable, unless `name` exists. Returns false
    /// (and writes nothing) when it exists.
    @discardableResult
    public func publish(name: String, bytes: [UInt8]) throws(OutboxError) -> Bool {
        guard MaildirOutbox.isValidFileID(name) else { throw OutboxError.invalidID(name) }
        if try exists(name) { return false }
        let temporary = path("." + name + ".tmp")
        // Unlinked on every path, a failed write included: no partial dot file is left.
        defer { unlink(temporary) }
        try writeFile(temporary, bytes: bytes)
        if link(temporary, path(name)) != 0 {
            let code = errno
            if code == EEXIST { return false }
            throw OutboxError(errno: code, operation: "link \(temporary) to", path: path(name))
        }
        try syncDirectory()
        return true
    }

    private func writeFile(_ path: String, bytes: [UInt8]) throws(OutboxError) {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o640)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw OutboxError(errno: errno, operation: "create", path: path) }
        // open() applies the umask (0077 under inspectd.service); the group must read.
        if fchmod(descriptor, 0o640) != 0 {
            let code = errno
            close(descriptor)
            throw OutboxError(errno: code, operation: "set the mode of", path: path)
        }
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
        if failure == nil, fsync(descriptor) != 0 { failure = OutboxError(errno: errno, operation: "fsync", path: path) }
        if close(descriptor) != 0, failure == nil, errno != EINTR { failure = OutboxError(errno: errno, operation: "close", path: path) }
        if let failure { throw failure }
    }

    private func syncDirectory() throws(OutboxError) {
        var descriptor: Int32
        repeat {
            descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw OutboxError(errno: errno, operation: "open directory", path: directory) }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 { throw OutboxError(errno: errno, operation: "fsync directory", path: directory) }
    }
}
