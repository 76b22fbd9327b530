import GRDB

/// The schema, one migration per step. A migration is never edited once shipped:
/// a change is a new migration appended here.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-directory") { db in
            try db.create(table: "unit") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull().check { ["department", "locality"].contains($0) }
                t.column("leader_name", .text).notNull()
                t.column("leader_phone", .text).notNull()
                t.column("contact_name", .text).notNull()
                t.column("contact_phone", .text).notNull()
                t.column("updated_at", .text).notNull()
            }
            try db.create(table: "inspector") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("department", .text).notNull().indexed()
                t.column("certified", .boolean).notNull()
                t.column("home_locality", .text)
                t.column("phone", .text).notNull()
                t.column("updated_at", .text).notNull()
            }
            try db.create(table: "site") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("locality", .text).notNull().indexed()
                t.column("kind", .text).notNull()
                t.column("risk", .text).notNull().check { ["A", "B", "C"].contains($0) }
                t.column("rain_sensitive", .boolean).notNull()
                t.column("night_sensitive", .boolean).notNull()
                t.column("updated_at", .text).notNull()
            }
            try db.create(table: "import_log") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("at", .text).notNull()
                t.column("table_name", .text).notNull()
                t.column("file", .text).notNull()
                t.column("encoding", .text).notNull()
                t.column("uid", .integer).notNull()
                t.column("inserted", .integer).notNull()
                t.column("updated", .integer).notNull()
                t.column("unchanged", .integer).notNull()
            }
        }
        migrator.registerMigration("v2-weather") { db in
            try db.create(table: "forecast") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("file", .text).notNull()
                t.column("format", .text).notNull()
                t.column("timezone", .text)
                t.column("received_at", .integer).notNull().indexed()
                t.column("via", .text).notNull().check { ["cli", "drop"].contains($0) }
                t.column("uid", .integer).notNull()
                t.column("coverage_start", .integer).notNull()
                t.column("coverage_end", .integer).notNull()
                t.column("interval_count", .integer).notNull()
            }
            try db.create(table: "forecast_interval") { t in
                t.column("forecast_id", .integer).notNull().references("forecast", onDelete: .cascade)
                t.column("area", .text).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("precipitation_mm", .double)
                t.column("probability", .double)
                t.primaryKey(["forecast_id", "area", "start"])
            }
        }
        return migrator
    }

    /// The identifier of the newest migration this build knows.
    static var latest: String { migrator.migrations.last ?? "none" }
}
