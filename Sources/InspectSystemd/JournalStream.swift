#if canImport(Glibc)
import Glibc
#endif

/// Whether standard error is connected to the journal (`JOURNAL_STREAM`, see
/// `systemd.exec(5)`): then the daemon logs natively to the journal instead.
public enum JournalStream {
    public static func isStandardErrorJournal() -> Bool {
        guard let value = getenv("JOURNAL_STREAM").map({ String(cString: $0) }) else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
