import Foundation
import InspectOutbox
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct PublicationDirectoryTests {
    private func files(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    @Test func publishesOnceAndKeepsWhatIsThere() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let directory = PublicationDirectory(directory: temporary.path + "/public")
        try directory.prepare()
        #expect(try directory.publish(name: "disclosure-2026-W48.csv", bytes: Array("a\n".utf8)))
        #expect(try !directory.publish(name: "disclosure-2026-W48.csv", bytes: Array("b\n".utf8)))
        #expect(FileManager.default.contents(atPath: directory.path("disclosure-2026-W48.csv")) == Data("a\n".utf8))
        #expect(files(directory.directory) == ["disclosure-2026-W48.csv"])
    }

    /// A write that fails half-way (a full file system) leaves no dot temporary file behind.
    @Test(.enabled(if: getuid() == 0, "needs root to mount a small tmpfs"))
    func aFailedWriteLeavesNoTemporaryFile() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let mountPoint = temporary.path + "/small"
        #expect(mkdir(mountPoint, 0o755) == 0)
        func run(_ arguments: [String]) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", arguments.joined(separator: " ") + " 2>/dev/null"]
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        guard try run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", mountPoint]) == 0 else {
            // No mount allowed here (a container without CAP_SYS_ADMIN): nothing to prove.
            return
        }
        defer { _ = try? run(["umount", mountPoint]) }
        let directory = PublicationDirectory(directory: mountPoint)
        try directory.prepare()
        #expect(throws: OutboxError.self) {
            try directory.publish(name: "disclosure-2026-W48.html", bytes: Array(repeating: 0x41, count: 256 * 1024))
        }
        #expect(files(mountPoint) == [], "a failed write must unlink its temporary file")
    }
}
