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
        try DurableFiles.makeDirectory(directory, mode: 0o750)
    }

    /// Whether a file (or anything) named `name` is in the directory.
    public func exists(_ name: String) throws(OutboxError) -> Bool {
        try DurableFiles.exists(path(name))
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
        try DurableFiles.writeFile(temporary, bytes: bytes, mode: 0o640, followSymlink: false)
        if link(temporary, path(name)) != 0 {
            let code = errno
            if code == EEXIST { return false }
            throw OutboxError(errno: code, operation: "link \(temporary) to", path: path(name))
        }
        try DurableFiles.syncDirectory(directory)
        return true
    }
}
