#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file-system call on the outbox that failed: which, on what path, the errno, and what
/// the operator can do about it.
public struct OutboxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The errno the call reported (`EINVAL` for an id that cannot be a file name).
    public var errno: Int32
    /// What was being done, such as `write`, `fsync`, `rename`, `create directory`.
    public var operation: String
    /// The path it was done on.
    public var path: String
    /// E.g. `cannot write /var/spool/inspectd/outbox/tmp/n-….json: No space left on device
    /// (ENOSPC); the disk is full: …`.
    public var message: String
    /// Whether trying again later can succeed once the operator (or time) fixes the cause:
    /// true for every file-system error (a full disk, a read-only or missing directory,
    /// wrong permissions, I/O errors), so the daemon keeps the notice and retries; false
    /// only for an id that cannot be a file name, which no retry fixes.
    public var isTransient: Bool

    public init(errno: Int32, operation: String, path: String, message: String, isTransient: Bool = true) {
        self.errno = errno
        self.operation = operation
        self.path = path
        self.message = message
        self.isTransient = isTransient
    }

    /// The error for `errno` from `operation` on `path`, with a message saying what to do.
    public init(errno: Int32, operation: String, path: String) {
        let name = OutboxError.errnoName(errno).map { " (\($0))" } ?? " (errno \(errno))"
        let reason = String(cString: strerror(errno))
        self.init(
            errno: errno, operation: operation, path: path,
            message: "cannot \(operation) \(path): \(reason)\(name); \(OutboxError.advice(errno))")
    }

    /// The message.
    public var description: String { message }

    static func invalidID(_ id: String) -> OutboxError {
        OutboxError(
            errno: EINVAL, operation: "deliver", path: id,
            message:
                "cannot deliver \"\(id)\": not a valid notice id for a file name (1–128 of A-Z a-z 0-9 . _ -, not starting with a dot); this is a bug in the caller, not something a retry fixes",
            isTransient: false)
    }

    static func advice(_ errno: Int32) -> String {
        switch errno {
        case ENOSPC, EDQUOT:
            "the disk (or the inspectd user's quota) is full: free space on the file system that holds the outbox; inspectd keeps the notice and retries"
        case EROFS:
            "the file system is read-only: remount it read-write (look in the kernel log for the I/O errors that may have caused it) and check ReadWritePaths= in the service unit; inspectd keeps the notice and retries"
        case EACCES, EPERM:
            "permission denied: the outbox and its tmp/, new/ and cur/ must be writable by the inspectd user (see deploy/tmpfiles.d/inspectd.conf: owner inspectd, group inspectd-gateway, mode 2770; fix with systemd-tmpfiles --create); inspectd keeps the notice and retries"
        case ENOENT, ENOTDIR:
            "a directory is missing or is not a directory: check daemon.spool_directory and notices.outbox_directory in inspectd.toml; inspectd creates the outbox and its tmp/, new/ and cur/ on its next try once the spool directory is back; inspectd keeps the notice and retries"
        case EIO:
            "an I/O error: check the disk and the kernel log (journalctl -k); inspectd keeps the notice and retries"
        case EMFILE, ENFILE:
            "too many open files: raise LimitNOFILE= in the service unit; inspectd keeps the notice and retries"
        default:
            "inspectd keeps the notice and retries"
        }
    }

    static func errnoName(_ errno: Int32) -> String? {
        switch errno {
        case ENOSPC: "ENOSPC"
        case EDQUOT: "EDQUOT"
        case EROFS: "EROFS"
        case EACCES: "EACCES"
        case EPERM: "EPERM"
        case ENOENT: "ENOENT"
        case ENOTDIR: "ENOTDIR"
        case EISDIR: "EISDIR"
        case EEXIST: "EEXIST"
        case EIO: "EIO"
        case EMFILE: "EMFILE"
        case ENFILE: "ENFILE"
        case EINVAL: "EINVAL"
        case ENAMETOOLONG: "ENAMETOOLONG"
        case ELOOP: "ELOOP"
        case EXDEV: "EXDEV"
        default: nil
        }
    }
}
