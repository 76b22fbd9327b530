#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls both the outbox and the publication directory are built on: files
/// written in full with an exact mode and fsynced, directories made with an exact mode and
/// fsynced. Every failure is an ``OutboxError`` naming the operation and the path.
enum DurableFiles {
    /// Whether `path` exists (without following a final symlink); throws for errors other
    /// than "no such file".
    static func exists(_ path: String) throws(OutboxError) -> Bool {
        var info = stat()
        if lstat(path, &info) == 0 { return true }
        let code = errno
        if code == ENOENT { return false }
        throw OutboxError(errno: code, operation: "check", path: path)
    }

    /// Creates the directory with exactly `mode`; false when it already exists as one.
    @discardableResult
    static func makeDirectory(_ path: String, mode: mode_t) throws(OutboxError) -> Bool {
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

    /// Writes `bytes` to `path` (created or truncated, with exactly `mode`; with
    /// `followSymlink` false, never through a symlink), fsyncs and closes it.
    static func writeFile(_ path: String, bytes: [UInt8], mode: mode_t, followSymlink: Bool) throws(OutboxError) {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC | (followSymlink ? 0 : O_NOFOLLOW), mode)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw OutboxError(errno: errno, operation: "create", path: path) }
        // open() applies the umask (0077 under inspectd.service): the gateway's group
        // must still read the file, so its mode is set exactly, as for the directories.
        if fchmod(descriptor, mode) != 0 {
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
        if failure == nil, fsync(descriptor) != 0 {
            failure = OutboxError(errno: errno, operation: "fsync", path: path)
        }
        if close(descriptor) != 0, failure == nil, errno != EINTR {
            failure = OutboxError(errno: errno, operation: "close", path: path)
        }
        if let failure { throw failure }
    }

    /// fsyncs a directory, making the entries created, linked or renamed in it durable.
    static func syncDirectory(_ path: String) throws(OutboxError) {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw OutboxError(errno: errno, operation: "open directory", path: path) }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 { throw OutboxError(errno: errno, operation: "fsync directory", path: path) }
    }
}
