import Foundation
import GRDB
import InspectCore

/// The daemon's database: SQLite in WAL mode, with versioned migrations.
///
/// The daemon is the only writer. GRDB types stay inside this module: the rest
/// of the program talks to this facade, so another backend can take its place.
public struct InspectStore: Sendable {
    /// Where the database lives (`:memory:` for in-memory stores).
    public let path: String
    private let writer: any DatabaseWriter

    /// The file name of the database inside the state directory.
    public static let fileName = "inspectd.sqlite"

    /// Opens (or creates) the database in `directory`, checks it and migrates it.
    ///
    /// A damaged database or one from a newer inspectd is refused and left untouched.
    public static func open(inDirectory directory: String) throws(StoreError) -> InspectStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingDirectory(path: directory)
        }
        let path = (directory as NSString).appendingPathComponent(fileName)
        let existed = FileManager.default.fileExists(atPath: path)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration())
        } catch {
            throw classify(error, path: path, existed: existed)
        }
        return try prepared(pool, path: path)
    }

    /// An empty in-memory store with the full schema, for tests and dry runs.
    public static func inMemory() throws(StoreError) -> InspectStore {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration())
        } catch {
            throw .unavailable(path: ":memory:", detail: "\(error)")
        }
        return try prepared(queue, path: ":memory:")
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.label = "inspectd"
        // Every commit durable across a power cut, not only a crash: the outbox treats
        // the database as the record of what it published.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        return configuration
    }

    private static func prepared(_ writer: any DatabaseWriter, path: String) throws(StoreError) -> InspectStore {
        let migrator = StoreMigrations.migrator
        do {
            let (check, applied) = try writer.read { db in
                (
                    try String.fetchAll(db, sql: "PRAGMA quick_check"),
                    try migrator.appliedIdentifiers(db)
                )
            }
            guard check == ["ok"] else {
                throw StoreError.corrupt(path: path, detail: check.prefix(3).joined(separator: "; "))
            }
            let unknown = applied.subtracting(migrator.migrations).sorted()
            guard unknown.isEmpty else { throw StoreError.newerSchema(path: path, unknownMigrations: unknown) }
            try migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        } catch {
            throw classify(error, path: path, existed: true)
        }
        return InspectStore(path: path, writer: writer)
    }

    private static func classify(_ error: any Error, path: String, existed: Bool) -> StoreError {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return .corrupt(path: path, detail: error.message ?? "not a database")
            default:
                return .unavailable(path: path, detail: error.message ?? "\(error.resultCode)")
            }
        }
        return .unavailable(path: path, detail: "\(error)")
    }

    // MARK: - Facts about the store

    /// The newest migration applied, e.g. `v1-directory`.
    public func schemaVersion() throws(StoreError) -> String {
        try read { db in try StoreMigrations.migrator.appliedMigrations(db).last ?? "empty" }
    }

    /// How many records of each directory table there are.
    public func directoryCounts() throws(StoreError) -> DirectoryCounts {
        try read { db in
            DirectoryCounts(
                units: try UnitRow.fetchCount(db),
                inspectors: try InspectorRow.fetchCount(db),
                sites: try SiteRow.fetchCount(db)
            )
        }
    }

    /// Folds the write-ahead log back into the database file (housekeeping).
    public func checkpoint() throws(StoreError) {
        guard let pool = writer as? DatabasePool else { return }
        do {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
        } catch {
            throw StoreError.unavailable(path: path, detail: "\(error)")
        }
    }

    // MARK: - Directory

    public func units() throws(StoreError) -> [InspectCore.Unit] {
        try read { db in try UnitRow.order(Column("id")).fetchAll(db).map(\.unit) }
    }

    public func inspectors() throws(StoreError) -> [Inspector] {
        try read { db in try InspectorRow.order(Column("id")).fetchAll(db).map(\.inspector) }
    }

    public func sites() throws(StoreError) -> [Site] {
        try read { db in try SiteRow.order(Column("id")).fetchAll(db).map(\.site) }
    }

    /// Inserts or updates units by id in one transaction. `check` sees the
    /// directory as it would be after the import; problems it returns roll
    /// everything back and are thrown as ``StoreError/rejected(problems:)``.
    public func importUnits(
        _ units: [InspectCore.Unit], record: ImportRecord, check: @Sendable (DirectorySnapshot) -> [ImportProblem]
    ) throws(StoreError) -> ImportSummary {
        try importRows(units.map { UnitRow($0, at: record.at) }, record: record, table: "units", check: check)
    }

    /// Inserts or updates inspectors by id in one transaction; see ``importUnits(_:record:check:)``.
    public func importInspectors(
        _ inspectors: [Inspector], record: ImportRecord, check: @Sendable (DirectorySnapshot) -> [ImportProblem]
    ) throws(StoreError) -> ImportSummary {
        try importRows(inspectors.map { InspectorRow($0, at: record.at) }, record: record, table: "inspectors", check: check)
    }

    /// Inserts or updates sites by id in one transaction; see ``importUnits(_:record:check:)``.
    public func importSites(
        _ sites: [Site], record: ImportRecord, check: @Sendable (DirectorySnapshot) -> [ImportProblem]
    ) throws(StoreError) -> ImportSummary {
        try importRows(sites.map { SiteRow($0, at: record.at) }, record: record, table: "sites", check: check)
    }

    private func importRows<Row: DirectoryRow>(
        _ rows: [Row], record: ImportRecord, table: String, check: @Sendable (DirectorySnapshot) -> [ImportProblem]
    ) throws(StoreError) -> ImportSummary {
        do {
            return try writer.write { db in try applyImport(rows, record: record, table: table, check: check, db) }
        } catch let rollback as DryRunRollback {
            return rollback.summary
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(path: path, detail: "\(error)")
        }
    }

    private func applyImport<Row: DirectoryRow>(
        _ rows: [Row], record: ImportRecord, table: String, check: @Sendable (DirectorySnapshot) -> [ImportProblem],
        _ db: Database
    ) throws -> ImportSummary {
            var summary = ImportSummary(inserted: 0, updated: 0, unchanged: 0)
            for row in rows {
                if let existing = try Row.fetchOne(db, key: row.id) {
                    if existing.sameContent(as: row) {
                        summary.unchanged += 1
                    } else {
                        try row.update(db)
                        summary.updated += 1
                    }
                } else {
                    try row.insert(db)
                    summary.inserted += 1
                }
            }
            let snapshot = DirectorySnapshot(
                units: try UnitRow.fetchAll(db).map(\.unit),
                inspectors: try InspectorRow.fetchAll(db).map(\.inspector),
                sites: try SiteRow.fetchAll(db).map(\.site)
            )
            let problems = check(snapshot)
            if !problems.isEmpty { throw StoreError.rejected(problems: problems) }
            if record.dryRun { throw DryRunRollback(summary: summary) }
            do {
                try db.execute(
                    sql: """
                        INSERT INTO import_log (at, table_name, file, encoding, uid, inserted, updated, unchanged)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        record.at, table, record.file, record.encoding, record.uid,
                        summary.inserted, summary.updated, summary.unchanged,
                    ]
                )
            }
            return summary
    }

    // MARK: - Transactions

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(path: path, detail: "\(error)")
        }
    }

    /// A write transaction that lets the body's own errors through untouched.
    func writerWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.write(body)
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(path: path, detail: "\(error)")
        }
    }
}

/// Thrown inside a transaction to roll a dry run back while keeping its summary.
private struct DryRunRollback: Error {
    var summary: ImportSummary
}

protocol DirectoryRow: FetchableRecord, PersistableRecord {
    var id: String { get }
    var updated_at: String { get set }
}

extension DirectoryRow {
    /// Whether two rows hold the same data, ignoring when they were written.
    func sameContent(as other: Self) -> Bool {
        var left = self
        var right = other
        left.updated_at = ""
        right.updated_at = ""
        return (try? left.databaseDictionary == right.databaseDictionary) ?? false
    }
}

extension UnitRow: DirectoryRow {}
extension InspectorRow: DirectoryRow {}
extension SiteRow: DirectoryRow {}

/// The whole directory, as an import would leave it (for consistency checks).
public struct DirectorySnapshot: Sendable {
    public var units: [InspectCore.Unit]
    public var inspectors: [Inspector]
    public var sites: [Site]
}

/// How many records each directory table holds.
public struct DirectoryCounts: Sendable, Equatable, Codable {
    public var units: Int
    public var inspectors: Int
    public var sites: Int

    public init(units: Int, inspectors: Int, sites: Int) {
        self.units = units
        self.inspectors = inspectors
        self.sites = sites
    }
}

/// What an import changed.
public struct ImportSummary: Sendable, Equatable, Codable {
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int

    public init(inserted: Int, updated: Int, unchanged: Int) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// Who imported what, for the import log.
public struct ImportRecord: Sendable {
    public var at: String
    public var file: String
    public var encoding: String
    public var uid: UInt32
    public var dryRun: Bool

    public init(at: String, file: String, encoding: String, uid: UInt32, dryRun: Bool) {
        self.at = at
        self.file = file
        self.encoding = encoding
        self.uid = uid
        self.dryRun = dryRun
    }
}
