import Foundation
import InspectCore
import InspectStore
import Testing

/// The store on a real SQLite file in a fresh directory.
@Suite struct InspectStoreTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "inspectd-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    static let units = [
        InspectCore.Unit(id: "env", name: "生态环境局", kind: .department, leaderName: "王建国", leaderPhone: "13800001111", contactName: "李娜", contactPhone: "13900002222"),
        InspectCore.Unit(id: "town1", name: "东风镇", kind: .locality, leaderName: "陈明", leaderPhone: "022-12345678", contactName: "周洁", contactPhone: "13900005555"),
    ]

    static func record(dryRun: Bool = false) -> ImportRecord {
        ImportRecord(at: "2026-11-29T08:00:00Z", file: "units.csv", encoding: "utf8", uid: 0, dryRun: dryRun)
    }

    @Test func createsMigratesAndReopens() throws {
        let store = try InspectStore.open(inDirectory: directory)
        #expect(try store.schemaVersion() == "v10-task-expired")
        _ = try store.importUnits(Self.units, record: Self.record()) { _ in [] }
        let reopened = try InspectStore.open(inDirectory: directory)
        #expect(try reopened.units() == Self.units.sorted { $0.id < $1.id })
        let mode = try String(contentsOfFile: directory + "/inspectd.sqlite", encoding: .isoLatin1).prefix(16)
        #expect(mode.hasPrefix("SQLite format 3"))
        #expect(FileManager.default.fileExists(atPath: directory + "/inspectd.sqlite-wal"), "WAL mode")
    }

    @Test func importsUpdateByIdAndCountChanges() throws {
        let store = try InspectStore.open(inDirectory: directory)
        let first = try store.importUnits(Self.units, record: Self.record()) { _ in [] }
        #expect(first == ImportSummary(inserted: 2, updated: 0, unchanged: 0))
        var changed = Self.units
        changed[1].contactName = "新联系人"
        let second = try store.importUnits(changed, record: Self.record()) { _ in [] }
        #expect(second == ImportSummary(inserted: 0, updated: 1, unchanged: 1))
        #expect(try store.units().first { $0.id == "town1" }?.contactName == "新联系人")
    }

    @Test func rejectedImportChangesNothing() throws {
        let store = try InspectStore.open(inDirectory: directory)
        _ = try store.importUnits(Self.units, record: Self.record()) { _ in [] }
        var renamed = Self.units
        renamed[0].name = "改名"
        let problem = ImportProblem(file: "units.csv", line: 2, column: "kind", message: "breaks a reference")
        #expect(throws: StoreError.rejected(problems: [problem])) {
            try store.importUnits(renamed, record: Self.record()) { snapshot in
                #expect(snapshot.units.contains { $0.name == "改名" }, "the check sees the state after the import")
                return [problem]
            }
        }
        #expect(try store.units().first { $0.id == "env" }?.name == "生态环境局")
    }

    @Test func dryRunCountsButChangesNothing() throws {
        let store = try InspectStore.open(inDirectory: directory)
        let summary = try store.importUnits(Self.units, record: Self.record(dryRun: true)) { _ in [] }
        #expect(summary.inserted == 2)
        #expect(try store.directoryCounts() == DirectoryCounts(units: 0, inspectors: 0, sites: 0))
    }

    @Test func refusesADamagedFileAndLeavesItUntouched() throws {
        let path = directory + "/inspectd.sqlite"
        let garbage = Data(repeating: 0x5A, count: 4096)
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect {
            try InspectStore.open(inDirectory: directory)
        } throws: { error in
            (error as? StoreError)?.code == "store_corrupt"
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func refusesADatabaseFromANewerVersion() throws {
        let store = try InspectStore.open(inDirectory: directory)
        _ = store
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('v99-future')\"); c.commit()", directory + "/inspectd.sqlite"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        #expect {
            try InspectStore.open(inDirectory: directory)
        } throws: { error in
            guard case .newerSchema(_, let unknown) = error as? StoreError else { return false }
            return unknown == ["v99-future"]
        }
    }

    @Test func missingDirectoryIsAClearError() {
        #expect(throws: StoreError.missingDirectory(path: directory + "/nope")) {
            try InspectStore.open(inDirectory: directory + "/nope")
        }
    }
}
