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
        migrator.registerMigration("v3-ledger") { db in
            try db.create(table: "rectification_case") { t in
                t.primaryKey("id", .text)
                t.column("title", .text).notNull()
                t.column("source", .text).notNull()
                t.column("category", .text).notNull()
                t.column("site", .text)
                t.column("unit", .text).notNull().indexed()
                t.column("person", .text).notNull()
                t.column("phone", .text).notNull()
                t.column("deadline", .text).notNull()
                t.column("status", .text).notNull().indexed()
                t.column("measures", .text).notNull()
                t.column("created_at", .text).notNull()
                t.column("updated_at", .text).notNull()
                // UTC seconds of the last reopening (rectified or later → open or in
                // progress); steps that fell due before it are moot.
                t.column("reopened_at", .integer)
            }
            try db.create(table: "case_milestone") { t in
                t.column("case_id", .text).notNull().references("rectification_case", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("due", .text).notNull()
                t.primaryKey(["case_id", "position"])
            }
            try db.create(table: "case_history") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("case_id", .text).notNull().indexed()
                t.column("at", .text).notNull()
                t.column("uid", .integer).notNull()
                t.column("action", .text).notNull()
                t.column("from_status", .text)
                t.column("to_status", .text)
                t.column("note", .text)
                t.column("detail", .text)
            }
            try db.create(table: "notice") { t in
                t.primaryKey("id", .text)
                t.column("dedupe_key", .text).notNull().unique()
                t.column("kind", .text).notNull()
                t.column("created_at", .integer).notNull().indexed()
                t.column("case_id", .text).indexed()
                t.column("unit_id", .text)
                t.column("priority", .integer).notNull()
                t.column("payload", .blob).notNull()
                t.column("journaled_at", .integer)
                t.column("written_at", .integer)
            }
            try db.execute(sql: "CREATE INDEX notice_unwritten ON notice (created_at, id) WHERE written_at IS NULL")
            try db.execute(sql: "CREATE INDEX notice_unjournaled ON notice (created_at, id) WHERE journaled_at IS NULL")
            try db.create(table: "escalation_fired") { t in
                t.column("case_id", .text).notNull()
                t.column("step_id", .text).notNull()
                t.column("anchor", .text).notNull()
                t.column("repeat_index", .integer).notNull()
                t.column("notice_id", .text).notNull()
                t.column("fired_at", .integer).notNull()
                t.primaryKey(["case_id", "step_id", "anchor", "repeat_index"])
            }
            try db.create(table: "unit_escalation") { t in
                t.column("unit_id", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("last_date", .text).notNull()
                t.primaryKey(["unit_id", "kind"])
            }
        }
        migrator.registerMigration("v4-roster") { db in
            try db.create(table: "roster_plan") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("created_at", .integer).notNull()
                t.column("reason", .text).notNull()
                t.column("uid", .integer).notNull()
                t.column("first_date", .text).notNull()
                t.column("last_date", .text).notNull()
                t.column("teams_added", .integer).notNull()
                t.column("teams_changed", .integer).notNull()
                t.column("teams_removed", .integer).notNull()
                t.column("visits_drawn", .integer).notNull()
                t.column("shortfalls", .integer).notNull()
                t.column("input_digest", .text).notNull()
                t.column("seed", .text).notNull()
                t.column("generator", .text).notNull()
                t.column("draw_digest", .text).notNull()
                // The draw's exact input and result as JSON, to replay it (draw verify).
                t.column("draw_input", .blob).notNull()
                t.column("draw_result", .blob).notNull()
            }
            try db.create(table: "roster_team") { t in
                t.primaryKey("id", .text)
                t.column("date", .text).notNull().indexed()
                t.column("period", .text).notNull()
                t.column("zone", .text).notNull()
                t.column("team_index", .integer).notNull()
                t.column("starts_at", .integer).notNull().indexed()
                t.column("ends_at", .integer).notNull()
                t.column("day_kind", .text).notNull()
                t.column("rain", .boolean).notNull()
                t.column("night", .boolean).notNull()
                t.column("pinned", .boolean).notNull().defaults(to: false)
                t.column("plan_id", .integer).notNull().references("roster_plan")
                t.column("released_at", .integer)
            }
            try db.create(table: "roster_member") { t in
                t.column("team_id", .text).notNull().references("roster_team", onDelete: .cascade)
                t.column("inspector_id", .text).notNull().indexed()
                t.primaryKey(["team_id", "inspector_id"])
            }
            try db.create(table: "roster_visit") { t in
                t.column("team_id", .text).notNull().references("roster_team", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("site_id", .text).notNull().indexed()
                t.column("locality", .text).notNull()
                t.column("risk", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("plan_id", .integer).notNull().references("roster_plan")
                t.primaryKey(["team_id", "position"])
            }
            try db.create(table: "roster_shortfall") { t in
                t.column("date", .text).notNull()
                t.column("period", .text).notNull()
                t.column("zone", .text).notNull()
                t.column("missing_teams", .integer).notNull()
                t.column("missing_members", .integer).notNull()
                t.column("reason", .text).notNull()
                t.primaryKey(["date", "period", "zone"])
            }
            try db.create(table: "leave") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("inspector_id", .text).notNull().indexed()
                t.column("from_date", .text).notNull()
                t.column("through_date", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("uid", .integer).notNull()
                t.column("created_at", .integer).notNull()
            }
            try db.create(table: "roster_meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v5-conflicts") { db in
            // Declared conflicts of interest: the inspector never visits the site (回避).
            try db.create(table: "conflict") { t in
                t.column("inspector_id", .text).notNull()
                t.column("site_id", .text).notNull().indexed()
                t.column("reason", .text).notNull()
                t.column("uid", .integer).notNull()
                t.column("created_at", .integer).notNull()
                t.primaryKey(["inspector_id", "site_id"])
            }
        }
        migrator.registerMigration("v6-audit") { db in
            // The audit trail: every write, every read of sealed data, every refusal.
            // Append-only: the triggers refuse any change or removal of an entry.
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .integer).notNull().indexed()
                t.column("uid", .integer).notNull().indexed()
                t.column("gid", .integer).notNull()
                t.column("pid", .integer).notNull()
                t.column("role", .text).notNull()
                t.column("action", .text).notNull()
                t.column("target", .text).notNull()
                t.column("outcome", .integer).notNull()
                t.column("detail", .text).notNull()
            }
            try db.execute(
                sql: """
                    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                    """)
        }
        migrator.registerMigration("v7-visit-results") { db in
            // What a team found at a rostered visit (检查结果); at most one per visit. A
            // violation's case is the ledger case it opened.
            try db.create(table: "visit_result") { t in
                t.column("team_id", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("result", .text).notNull().indexed()
                t.column("measures", .text).notNull()
                t.column("note", .text).notNull()
                t.column("case_id", .text)
                t.column("uid", .integer).notNull()
                t.column("recorded_at", .integer).notNull()
                t.primaryKey(["team_id", "position"])
                t.foreignKey(["team_id", "position"], references: "roster_visit", columns: ["team_id", "position"], onDelete: .cascade)
            }
        }
        migrator.registerMigration("v8-visit-followup") { db in
            // The periodic public disclosure (一公开): one row per period written, so each
            // period is written once even when the gateway takes the files away.
            try db.create(table: "disclosure_written") { t in
                t.primaryKey("period", .text)
                t.column("cycle", .text).notNull()
                t.column("from_date", .text).notNull().indexed()
                t.column("to_date", .text).notNull()
                t.column("visits", .integer).notNull()
                t.column("csv_sha256", .text).notNull()
                t.column("html_sha256", .text).notNull()
                t.column("written_at", .integer).notNull()
            }
        }
        migrator.registerMigration("v9-targeted-tasks") { db in
            // Targeted inspections (专项检查、信访核查、复查): checks with a lead, placed on an
            // existing team-shift outside the random draw. A task's visit is a `roster_visit`
            // row with its `task_id`; random visits have none.
            try db.create(table: "task") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("site_id", .text).notNull().indexed()
                t.column("from_at", .integer).notNull()
                t.column("by_at", .integer).notNull()
                t.column("reason", .text).notNull().check { ["complaint", "referral", "special", "verification"].contains($0) }
                t.column("case_id", .text).indexed()
                t.column("night", .boolean).notNull()
                t.column("note", .text).notNull()
                // placed, unplaced (no team-shift fits; retried at each re-plan), done, cancelled.
                t.column("status", .text).notNull().indexed()
                    .check { ["placed", "unplaced", "done", "cancelled"].contains($0) }
                t.column("team_id", .text)
                // Why it is unplaced, for the journal and inspectctl status.
                t.column("problem", .text).notNull().defaults(to: "")
                t.column("campaign", .text)
                t.column("uid", .integer).notNull()
                t.column("created_at", .integer).notNull()
            }
            try db.alter(table: "roster_visit") { t in
                t.add(column: "task_id", .integer).references("task")
            }
            try db.create(index: "roster_visit_task", on: "roster_visit", columns: ["task_id"])
        }
        migrator.registerMigration("v10-task-expired") { db in
            // A task whose deadline passed before any team-shift could take it is `expired`
            // (no longer open), so it blocks nothing. SQLite cannot change a CHECK, so the
            // table is made again (foreign keys are off during a migration and checked after).
            try db.create(table: "task_next") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("site_id", .text).notNull()
                t.column("from_at", .integer).notNull()
                t.column("by_at", .integer).notNull()
                t.column("reason", .text).notNull().check { ["complaint", "referral", "special", "verification"].contains($0) }
                t.column("case_id", .text)
                t.column("night", .boolean).notNull()
                t.column("note", .text).notNull()
                // placed, unplaced (retried at each re-plan), done, cancelled, expired (deadline passed unplaced).
                t.column("status", .text).notNull()
                    .check { ["placed", "unplaced", "done", "cancelled", "expired"].contains($0) }
                t.column("team_id", .text)
                t.column("problem", .text).notNull().defaults(to: "")
                t.column("campaign", .text)
                t.column("uid", .integer).notNull()
                t.column("created_at", .integer).notNull()
            }
            try db.execute(
                sql: """
                    INSERT INTO task_next (id, site_id, from_at, by_at, reason, case_id, night, note, status, team_id, problem, campaign, uid, created_at)
                    SELECT id, site_id, from_at, by_at, reason, case_id, night, note, status,
                        CASE WHEN status = 'cancelled' THEN NULL ELSE team_id END, problem, campaign, uid, created_at FROM task
                    """)
            try db.drop(table: "task")
            try db.rename(table: "task_next", to: "task")
            try db.create(index: "task_on_site_id", on: "task", columns: ["site_id"])
            try db.create(index: "task_on_case_id", on: "task", columns: ["case_id"])
            try db.create(index: "task_on_status", on: "task", columns: ["status"])
        }
        return migrator
    }

    /// The identifier of the newest migration this build knows.
    static var latest: String { migrator.migrations.last ?? "none" }
}
